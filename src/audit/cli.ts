/** `npm run audit`: shared/REPORT.md is the contract. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditOutput, type PageReport } from '../report/schema';
import { parseArgs, UsageError, type AuditArgs } from './args';
import { ensureBuilt, launchWithExtension, PROJECT_ROOT } from './browser';
import { collectReport } from './collect';
import { LocalServer } from './server';
import { formatTable } from './table';
import { expandTargets } from './targets';

const SEVERITY_RANK = { high: 3, medium: 2, low: 1 } as const;
const log = (s: string) => process.stderr.write(`${s}\n`);

export function toolInfo() {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return { name: 'fair-exit', version: pkg.version };
}

export async function runAudit(args: AuditArgs): Promise<number> {
  const targets = expandTargets(args.targets);
  const failures: { target: string; reason: string }[] = targets.filter((t) => t.error).map((t) => ({ target: t.input, reason: t.error! }));
  for (const f of failures) log(`fair-exit: cannot load ${f.target}: ${f.reason}`);
  ensureBuilt(log);
  const server = new LocalServer();
  await server.start();
  const browser = await launchWithExtension();
  const pages: PageReport[] = [];
  try {
    for (const t of targets.filter((t) => !t.error)) {
      const url = t.kind === 'file' ? server.urlFor(t.path!) : t.input;
      log(`auditing ${t.input}`);
      const got = await collectReport(browser, url, args.timeoutS);
      if (got.ok) pages.push(got.report);
      else {
        failures.push({ target: t.input, reason: got.reason });
        log(`fair-exit: cannot load ${t.input}: ${got.reason}`);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const output: AuditOutput = AuditOutput.parse({ schemaVersion: 1, tool: toolInfo(), pages });
  if (args.out) writeBundles(args.out, output);
  if (args.json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  else process.stdout.write(`${formatTable(output, failures)}\n`);
  if (failures.length) return 2;
  if (args.failOn) {
    const min = SEVERITY_RANK[args.failOn];
    const hit = pages.some((p) => p.findings.some((f) => f.verdict === 'violation' && SEVERITY_RANK[f.severity] >= min));
    if (hit) return 1;
  }
  return 0;
}

/** Until the evidence bundle lands, --out writes each page's report.json in its own folder. */
function writeBundles(dir: string, output: AuditOutput): void {
  output.pages.forEach((p, i) => {
    const folder = join(dir, `${String(i + 1).padStart(3, '0')}-${slug(p.url)}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'report.json'), `${JSON.stringify(p, null, 2)}\n`);
  });
  writeFileSync(join(dir, 'audit.json'), `${JSON.stringify(output, null, 2)}\n`);
}
function slug(url: string): string {
  return url.replace(/^https?:\/\/(127\.0\.0\.1:\d+\/r\d+\/)?/, '').replace(/[^\w.-]+/g, '_').slice(0, 60);
}

async function main(): Promise<void> {
  let args: AuditArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      log(`fair-exit: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  try {
    process.exitCode = await runAudit(args);
  } catch (e) {
    log(`fair-exit: ${(e as Error).message.split('\n')[0]}`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''))) void main();
