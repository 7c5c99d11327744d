/** `npm start`: build if needed, audit the bundled demo pages and print the readable table. */
import { join } from 'node:path';
import { PROJECT_ROOT } from './browser';
import { runAudit } from './cli';

process.exitCode = await runAudit({ json: false, out: null, failOn: null, timeoutS: 15, flows: [], targets: [join(PROJECT_ROOT, 'demo')] });
