/**
 * Developer aid: the CPU time of each phase of the extension's own scans of a bench page, at its load
 * and at each "scan again" after it, over fresh loads (docs/speed.md). Where scan-phases.ts runs the
 * engine alone, this reads the built extension as the bench runs it: its content script, its first
 * rescans (which run code the engine has not optimised yet), the report's send.
 *
 *   FAIR_EXIT_PHASE_MARKS=1 npx wxt build && npx tsx scripts/rescan-phases.ts [--page news-10k] [--runs 7] [--loads 3]
 *
 * The build marks the phases' boundaries (src/engine/phase-mark.ts); each row is a phase (named by the
 * mark it starts at), each column a scan (0: the load's), the median over the loads of the CPU time
 * between its mark and the next, from the marks' thread time in Chromium's trace. A phase the scan
 * yielded in holds what the page ran meanwhile. `npm run build` afterwards: other builds have no marks.
 */
import { prepareContext, rescan, settle, waitForEntry } from '../bench/measure';
import { servedBenchPage } from '../bench/served-page';
import { PHASE_MARK_PREFIX } from '../src/engine/phase-mark';
import { cpuBetweenMarks, type TimingMark } from '../bench/trace';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const name = arg('--page', 'news-10k');
const runs = Number(arg('--runs', '7'));
const loads = Number(arg('--loads', '3'));

const TRACE = { traceConfig: { includedCategories: ['blink.user_timing'], excludedCategories: ['*'] }, transferMode: 'ReportEvents' };

const { url, browser: b, close } = await servedBenchPage(name);
await prepareContext(b);
// table[phase][load][scan]
const table = new Map<string, number[][]>();
for (let load = 0; load < loads; load++) {
  const tab = await b.context.newPage();
  const cdp = await b.context.newCDPSession(tab);
  let events: TimingMark[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TimingMark[])));
  let seq = 0;
  for (let scan = 0; scan <= runs; scan++) {
    events = [];
    // For a log of V8's (DEBUG=pw:browser): which scan its lines came in.
    console.error(`${new Date().toISOString()} load ${load} scan ${scan}`);
    await cdp.send('Tracing.start', TRACE as never);
    if (scan === 0) await tab.goto(url, { waitUntil: 'load' });
    else {
      await settle(tab);
      await rescan(b, url);
    }
    seq = (await waitForEntry(b, url, seq, 60_000)).seq;
    await new Promise((r) => setTimeout(r, 300));
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.end');
    await done;
    for (const [phase, ms] of Object.entries(cpuBetweenMarks(events, PHASE_MARK_PREFIX))) {
      const rows = table.get(phase) ?? [];
      (rows[load] ??= [])[scan] = ms;
      table.set(phase, rows);
    }
  }
  await tab.close();
}
await close();

const median = (xs: number[]) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
console.log(`${name}: CPU ms by phase, median of ${loads} loads; scan 0 is the load's, then each "scan again"`);
console.log(`${'phase'.padEnd(12)}${Array.from({ length: runs + 1 }, (_, i) => String(i).padStart(7)).join('')}`);
for (const [phase, rows] of table)
  console.log(
    `${phase.padEnd(12)}${Array.from({ length: runs + 1 }, (_, i) =>
      median(rows.map((r) => r[i]))
        .toFixed(1)
        .padStart(7),
    ).join('')}`,
  );
