/**
 * `npm run bench [-- --json] [--quick] [--runs N] [--page NAME] [--each]`: scan speed of the extension as it
 * runs, on generated pages of growing size, against the floor and axe-core (docs/speed.md). --each
 * prints every measured rescan's figures as it goes (on stderr).
 * Exit status 1 when a budget fails, 2 on bad arguments.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, launchWithExtension } from '../src/audit/browser';
import { LocalServer } from '../src/audit/server';
import { checkBudgets } from './budgets';
import { measurePage, prepareContext, type ScanRun } from './measure';
import { benchPages } from './pages';
import { summarize, type PageSummary } from './summary';
import { formatBudgets, formatTable } from './table';

type Args = { json: boolean; quick: boolean; each: boolean; runs: number; pages: string[] };

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, quick: false, each: false, runs: 5, pages: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--quick') args.quick = true;
    else if (a === '--each') args.each = true;
    else if (a === '--runs' && /^\d+$/.test(argv[i + 1] ?? '') && Number(argv[i + 1]) > 0) args.runs = Number(argv[++i]);
    else if (a === '--page' && argv[i + 1]) args.pages.push(argv[++i]);
    else throw new Error(`unknown or incomplete argument: ${a}`);
  }
  if (args.quick && !argv.includes('--runs')) args.runs = 2;
  return args;
}

const log = (s: string) => process.stderr.write(`${s}\n`);

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    log(`bench: ${(e as Error).message}`);
    return 2;
  }
  const pages = benchPages(args.quick).filter((p) => !args.pages.length || args.pages.includes(p.name));
  if (!pages.length) {
    log(`bench: no page named ${args.pages.join(', ')}`);
    return 2;
  }
  ensureBuilt(log);
  const dir = mkdtempSync(join(tmpdir(), 'fair-exit-bench-'));
  const server = new LocalServer();
  await server.start();
  const browser = await launchWithExtension();
  const results: PageSummary[] = [];
  try {
    await prepareContext(browser);
    for (const page of pages) {
      const file = join(dir, `${page.name}.html`);
      writeFileSync(file, page.html);
      log(`bench: ${page.name} (${page.description})…`);
      // axe-core takes seconds on the largest pages: once there is enough for a ratio.
      const axeRuns = page.html.length > 1_000_000 ? 1 : Math.min(3, args.runs);
      const onRun = args.each
        ? (i: number, r: ScanRun) =>
            log(
              `  rescan ${i + 1}: CPU ${r.cpuMs} ms (heap GC tasks ${r.gcTaskCpuMs}), longest task ${r.traceLongestTaskCpuMs} ms CPU, ${r.traceTasks} tasks, scanMs ${r.scanMs}, ${r.slices} slices`,
            )
        : undefined;
      // Scans after a class change (a measured page's scan that reads its text from the last scan's walk): three at most.
      const figures = await measurePage(browser, server.urlFor(file), { runs: args.runs, axeRuns, changeRuns: Math.min(3, args.runs), onRun });
      results.push(summarize(page, figures));
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const budgets = checkBudgets(results);
  // Other work on the machine stretches every figure: say how busy it was.
  const machine = { cores: availableParallelism(), loadAverage: Math.round(loadavg()[0] * 10) / 10 };
  if (args.json) process.stdout.write(`${JSON.stringify({ runs: args.runs, machine, pages: results, budgets }, null, 2)}\n`);
  else {
    const busy = machine.loadAverage > machine.cores ? ' (busier than its cores: every time above is stretched)' : '';
    process.stdout.write(
      `${formatTable(results)}\n\nmachine: ${machine.cores} cores, load average ${machine.loadAverage}${busy}; ${args.runs} runs per page\n\n${formatBudgets(budgets)}\n`,
    );
  }
  return budgets.some((b) => b.status === 'FAIL') ? 1 : 0;
}

process.exitCode = await main();
