/**
 * Developer aid: a page's first rescans ("scan again") over several loads, CPU time of the page's
 * main thread from Chromium's trace, counted as the bench counts it (bench/trace.ts TaskTrace: the
 * collector's own tasks apart) (docs/speed.md). The bench loads each page
 * once; the first rescan after a load is the one the `precheck` budget most often fails on, and one
 * load's figure is too noisy to judge a change by.
 *
 *   npx tsx scripts/first-rescans.ts --page article-50k [--loads 7] [--runs 3]
 */
import { prepareContext, rescan, settle, waitForEntry } from '../bench/measure';
import { loadAfresh, servedBenchPage } from '../bench/served-page';
import { median } from '../bench/summary';
import { SEND_WINDOW_MS, TaskTrace } from '../bench/trace';
import { SCAN_MEASURE } from '../src/engine/scan-timing';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const loads = Number(arg('--loads', '7'));
const runs = Number(arg('--runs', '3'));

const { url, browser: b, close } = await servedBenchPage(arg('--page', 'article-50k'));
const byLoad: number[][] = [];
try {
  await prepareContext(b);
  for (let l = 0; l < loads; l++) {
    const { tab, cdp, address, seq: first } = await loadAfresh(b, url, l);
    let seq = first;
    const trace = new TaskTrace(cdp);
    const row: number[] = [];
    for (let i = 0; i < runs; i++) {
      await settle(tab);
      await trace.start();
      await rescan(b, address);
      seq = (await waitForEntry(b, address, seq, 60_000)).seq;
      await new Promise((r) => setTimeout(r, SEND_WINDOW_MS + 50));
      const wallMs = await tab.evaluate((n) => {
        const all = performance.getEntriesByName(n, 'measure');
        return all[all.length - 1].duration;
      }, SCAN_MEASURE);
      const tasks = await trace.stop(wallMs);
      if (!tasks) throw new Error('no scan measure in the trace');
      row.push(tasks.cpuMs);
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
