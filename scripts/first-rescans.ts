/**
 * Developer aid: a page's first rescans ("scan again") over several loads, CPU time of the page's
 * main thread from Chromium's trace, as the bench counts it (docs/speed.md). The bench loads each page
 * once; the first rescan after a load is the one the `precheck` budget most often fails on, and one
 * load's figure is too noisy to judge a change by.
 *
 *   npx tsx scripts/first-rescans.ts --page article-50k [--loads 7] [--runs 3]
 */
import { prepareContext, rescan, waitForEntry } from '../bench/measure';
import { loadAfresh, servedBenchPage } from '../bench/served-page';
import { median } from '../bench/summary';
import { tasksOf, type TraceEvent } from '../bench/trace';
import { SCAN_MEASURE } from '../src/engine/scan-timing';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const loads = Number(arg('--loads', '7'));
const runs = Number(arg('--runs', '3'));
/** The tasks counted: from a little before the scan's measure to this long after its end (its report's send). */
const AFTER_US = 200_000;

const { url, browser: b, close } = await servedBenchPage(arg('--page', 'article-50k'));
const byLoad: number[][] = [];
try {
  await prepareContext(b);
  for (let l = 0; l < loads; l++) {
    const { tab, cdp, address, seq: first } = await loadAfresh(b, url, l);
    let seq = first;
    let events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const row: number[] = [];
    for (let i = 0; i < runs; i++) {
      await tab.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
      events = [];
      const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'blink.user_timing'], excludedCategories: ['*'] }, transferMode: 'ReportEvents' } as never);
      await rescan(b, address);
      seq = (await waitForEntry(b, address, seq, 60_000)).seq;
      await new Promise((r) => setTimeout(r, 250));
      const wallMs = await tab.evaluate((n) => {
        const all = performance.getEntriesByName(n, 'measure');
        return all[all.length - 1].duration;
      }, SCAN_MEASURE);
      await cdp.send('Tracing.end');
      await done;
      const end = events.filter((e) => e.name === SCAN_MEASURE && e.ph === 'e').pop();
      if (!end) throw new Error('no scan measure in the trace');
      const from = end.ts - wallMs * 1000 - 20_000;
      const thread = events.filter((e) => e.pid === end.pid && e.tid === end.tid);
      const tasks = tasksOf(thread).filter((t) => t.ts < end.ts + AFTER_US && t.ts + t.dur > from);
      row.push(Math.round(tasks.reduce((sum, t) => sum + t.tdur, 0) / 10) / 100);
      await new Promise((r) => setTimeout(r, 500));
    }
    byLoad.push(row);
    console.log(`load ${l}: CPU ms by rescan ${row.join(' ')}`);
    await tab.close();
  }
  console.log(`median by rescan over ${loads} loads: ${byLoad[0].map((_, i) => median(byLoad.map((r) => r[i]))).join(' ')}`);
} finally {
  await close();
}
