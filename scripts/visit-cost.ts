/**
 * Developer aid: what each visit of a bench page costs the page's main thread, over several visits in
 * one browser (where Chromium's caches of the content script's code come into play): the CPU time of
 * every task from navigation until a second after the first report, that of the first scan's tasks,
 * V8's compiling of scripts on that thread, and when the first scan began after navigation.
 *
 *   npx tsx scripts/visit-cost.ts [--page account] [--visits 5]
 */
import { prepareContext } from '../bench/measure';
import { traceLoad } from '../bench/load-trace';
import { servedBenchPage } from '../bench/served-page';
import { tasksOf } from '../bench/trace';
import { SCAN_MEASURE } from '../src/engine/scan-timing';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const visits = Number(arg('--visits', '5'));
const { page, url, browser: b, close } = await servedBenchPage(arg('--page', 'account'));
const ms = (us: number) => (us / 1000).toFixed(1);
try {
  await prepareContext(b);
  console.log(`${page.name}: CPU ms on the page's main thread per visit; the first scan's start in ms after navigation`);
  for (let i = 0; i < visits; i++) {
    const { tab, events } = await traceLoad(b, `${url}?visit=${i}`, ['toplevel', 'blink.user_timing', 'v8', 'devtools.timeline'], 1000);
    const end = events.find((e) => e.name === SCAN_MEASURE && e.ph === 'e');
    if (!end) throw new Error(`visit ${i}: no scan measure in the trace`);
    const thread = events.filter((e) => e.pid === end.pid && e.tid === end.tid);
    const tasks = tasksOf(thread);
    const [wallMs, startMs] = await tab.evaluate((n) => {
      const m = performance.getEntriesByName(n, 'measure')[0];
      return [m?.duration ?? 0, m?.startTime ?? 0];
    }, SCAN_MEASURE);
    const from = end.ts - wallMs * 1000;
    const sum = (xs: { tdur?: number }[]) => xs.reduce((a, t) => a + (t.tdur ?? 0), 0);
    const scan = tasks.filter((t) => t.ts < end.ts && t.ts + t.dur > from);
    const compile = thread.filter((e) => e.ph === 'X' && /^v8\.compile/.test(e.name));
    console.log(
      `visit ${i}: all ${ms(sum(tasks))}, first scan ${ms(sum(scan))}, compiling scripts ${ms(sum(compile))}; the scan began at ${startMs.toFixed(0)} and took ${wallMs.toFixed(0)}`,
    );
    await tab.close();
  }
} finally {
  await close();
}
