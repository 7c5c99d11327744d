/**
 * Developer aid: the page's main-thread tasks from navigation until the extension's first report and
 * a second after it (the content script's start and its first scan), longest first, with Chromium's
 * own account of each (docs/speed-log.md, "A page's first scan").
 *
 *   npx tsx scripts/load-tasks.ts [--page article-3k] [--top 8]
 *   SCAN=1: only the tasks that overlap the first scan's span, as the bench's first-scan budget counts them.
 *   INSIDE=n: what the n-th longest task holds (INSIDE=script: the task that started the content script), by trace event (CPU ms); CATS=a,b: the trace's categories
 *   (add disabled-by-default-v8.compile to see V8's parsing and compiling).
 */
import { prepareContext } from '../bench/measure';
import { traceLoad } from '../bench/load-trace';
import { servedBenchPage } from '../bench/served-page';
import { scriptStarts, tasksOf } from '../bench/trace';
import { SCAN_MEASURE } from '../src/engine/scan-timing';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const top = Number(arg('--top', '8'));
const { page, url, browser: b, close } = await servedBenchPage(arg('--page', 'article-3k'));
try {
  await prepareContext(b);
  const { tab, events } = await traceLoad(b, url, (process.env.CATS ?? 'toplevel,blink.user_timing,v8,devtools.timeline').split(','), 1000);
  // The renderer's main thread: the one that ran the content script's scan measure.
  const scan = events.find((e) => e.name === SCAN_MEASURE);
  if (!scan) throw new Error('no scan measure in the trace');
  const thread = events.filter((e) => e.pid === scan.pid && e.tid === scan.tid);
  let tasks = tasksOf(thread).sort((x, y) => y.tdur - x.tdur);
  if (process.env.SCAN) {
    // The first scan's span, as the bench takes it: back from its measure's end by the measure's wall time.
    const end = events.find((e) => e.name === SCAN_MEASURE && e.ph === 'e')!;
    const wallMs = await tab.evaluate((n) => performance.getEntriesByName(n, 'measure')[0]?.duration ?? 0, SCAN_MEASURE);
    tasks = tasks.filter((t) => t.ts < end.ts && t.ts + t.dur > end.ts - wallMs * 1000);
    console.log(`the first scan: ${wallMs.toFixed(0)} ms of wall time, ${tasks.length} tasks`);
  }
  const scripts = thread.filter((e) => e.ph === 'X' && !['ThreadControllerImpl::RunTask', 'BlinkScheduler_PerformMicrotaskCheckpoint'].includes(e.name));
  console.log(`${page.name}: ${tasks.length} tasks on the page's main thread, ${(tasks.reduce((a, t) => a + t.tdur, 0) / 1000).toFixed(1)} ms of CPU in all`);
  if (process.env.INSIDE) {
    // Time inside the longest task, by event name (nested events counted in each of their ancestors).
    // INSIDE=script: the task that evaluated the content script.
    // The content script's last start event: the module's evaluation in Chromium's build, else content.js's.
    const evaluation = scriptStarts(thread).at(-1);
    const t =
      (process.env.INSIDE === 'script' && evaluation ? tasks.find((k) => k.ts <= evaluation.ts && evaluation.ts < k.ts + k.dur) : tasks[Number(process.env.INSIDE) - 1]) ??
      tasks[0];
    const by = new Map<string, number>();
    for (const e of thread) if (e.ph === 'X' && e.ts >= t.ts && e.ts < t.ts + t.dur) by.set(e.name, (by.get(e.name) ?? 0) + (e.tdur ?? 0) / 1000);
    for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`    ${v.toFixed(1).padStart(7)}  ${k}`);
    if (process.env.ARGS)
      for (const e of thread)
        if (e.name === process.env.ARGS && e.ts >= t.ts && e.ts < t.ts + t.dur)
          console.log('      ', ((e.tdur ?? 0) / 1000).toFixed(2), JSON.stringify(e.args ?? {}).slice(0, 300));
  }
  for (const t of tasks.slice(0, top)) {
    const inner = scripts
      .filter((e) => e.ts >= t.ts && e.ts < t.ts + t.dur)
      .sort((x, y) => (y.dur ?? 0) - (x.dur ?? 0))
      .slice(0, 4);
    const what = inner
      .map(
        (e) =>
          `${e.name}:${((e.tdur ?? 0) / 1000).toFixed(1)}${
            /url|fileName/.test(JSON.stringify((e as { args?: unknown }).args ?? {}))
              ? `(${
                  JSON.stringify((e as { args?: unknown }).args)
                    .match(/(chrome-extension|http)[^"]*/)?.[0]
                    ?.slice(-40) ?? ''
                })`
              : ''
          }`,
      )
      .join(' ');
    console.log(`  ${(t.tdur / 1000).toFixed(1).padStart(7)} ms CPU  ${(t.dur / 1000).toFixed(1).padStart(7)} ms wall  ${what}`);
  }
} finally {
  await close();
}
