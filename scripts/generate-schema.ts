/** Writes schema/report.schema.json from the zod schemas (never edit the JSON by hand). */
import { writeFileSync } from 'node:fs';
import { reportJsonSchema } from '../src/report/json-schema';

const path = new URL('../schema/report.schema.json', import.meta.url);
writeFileSync(path, reportJsonSchema());
console.error(`wrote ${path.pathname}`);
