/**
 * Developer aid: where a bench page's scan CPU goes in Chromium's trace (tasks, GC, compile), per
 * run, for the built extension as the bench runs it (docs/speed.md).
 *
 *   npx tsx scripts/debug-bench-trace.ts [--page plan-10k] [--runs 7]
 *   TASKS=1 lists each task of the scan's span with its largest events (KIDS=n of them, 4 unless told); TOP=n events per run; CATS=trace categories.
 *   NOCAPTURE=1 keeps the background from capturing evidence when it saves a report (to tell its tasks from the scan's).
 *   PROFILE=n: V8's sampling profiler alongside, and for each task of over n ms of CPU the functions its samples fell in
 *   (build with FAIR_EXIT_NO_MINIFY=1 for their names).
 */
import { currentWorker } from '../src/audit/browser';
import { prepareContext, rescan, settle, waitForEntry } from '../bench/measure';
import { servedBenchPage } from '../bench/served-page';
import { SCAN_MEASURE } from '../src/engine/scan-timing';
import { tasksOf, type TraceEvent } from '../bench/trace';
import { eachSample, frameName, startProfiler, stopProfiler, type SampledProfile } from '../bench/samples';

const argv = process.argv.slice(2);
const longTaskMs = Number(process.env.PROFILE ?? 0);

/** The functions (with their callers, four deep) that the profile's samples between `from` and `until` (trace µs) fell in, heaviest first. */
function inTask(p: SampledProfile, from: number, until: number): string {
  const self = new Map<string, number>();
  eachSample(p, (stack, us, at) => {
    if (at < from || at > until) return;
    const k = stack.slice(0, 4).map(frameName).join(' < ');
    self.set(k, (self.get(k) ?? 0) + us);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([k, us]) => `\n      ${(us / 1000).toFixed(1)} ${k}`)
    .join('');
}

const name = argv.includes('--page') ? argv[argv.indexOf('--page') + 1] : 'plan-10k';
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 7;
const { url, browser: b, close } = await servedBenchPage(name);
await prepareContext(b);
const tab = await b.context.newPage();
const cdp = await b.context.newCDPSession(tab);
await tab.goto(url, { waitUntil: 'load' });
let { seq } = await waitForEntry(b, url, 0, 60_000);
if (process.env.NOCAPTURE) await (await currentWorker(b)).evaluate(() => ((globalThis as any).fairExit.evidence.hooks.captureOnSave = false));
const cats = (process.env.CATS ?? 'toplevel,blink.user_timing,v8,disabled-by-default-v8.gc,devtools.timeline').split(',');
let events: TraceEvent[] = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
const agg = new Map<string, number[]>();
for (let i = 0; i < runs; i++) {
  await settle(tab);
  events = [];
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: cats, excludedCategories: ['*'] }, transferMode: 'ReportEvents' } as never);
  if (longTaskMs) await startProfiler(cdp, 100);
  await rescan(b, url);
  seq = (await waitForEntry(b, url, seq, 60_000)).seq;
  await new Promise((r) => setTimeout(r, 250));
  const profile = longTaskMs ? await stopProfiler(cdp) : null;
  const wall = await tab.evaluate((n) => {
    const a = performance.getEntriesByName(n, 'measure');
    return a[a.length - 1].duration;
  }, SCAN_MEASURE);
  await cdp.send('Tracing.end');
  await done;
  const end = events.filter((e) => e.name === SCAN_MEASURE && e.ph === 'e').pop()!;
  const from = end.ts - wall * 1000,
    until = end.ts + 200_000;
  const thread = events.filter((e) => e.pid === end.pid && e.tid === end.tid);
  const tasks = tasksOf(thread).filter((t) => t.ts < until && t.ts + t.dur > from);
  const total = tasks.reduce((a, t) => a + t.tdur, 0) / 1000;
  const inWin = thread.filter((e) => e.ph === 'X' && e.ts < until && e.ts + (e.dur ?? 0) > from);
  const by = new Map<string, { n: number; wall: number; cpu: number }>();
  for (const e of inWin) {
    const k = e.name;
    const v = by.get(k) ?? { n: 0, wall: 0, cpu: 0 };
    v.n++;
    v.wall += (e.dur ?? 0) / 1000;
    v.cpu += (e.tdur ?? 0) / 1000;
    by.set(k, v);
  }
  if (process.env.TASKS)
    for (const t of tasks) {
      const kids = thread
        .filter(
          (e) =>
            e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && !['ThreadControllerImpl::RunTask', 'BlinkScheduler_PerformMicrotaskCheckpoint'].includes(e.name),
        )
        .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
        .slice(0, Number(process.env.KIDS ?? 4))
        .map((e) => `${e.name}:${((e.tdur ?? 0) / 1000).toFixed(2)}`);
      console.log(
        `   t+${((t.ts - from) / 1000).toFixed(1).padStart(6)} wall ${(t.dur / 1000).toFixed(2).padStart(6)} cpu ${(t.tdur / 1000).toFixed(2).padStart(6)}  ${kids.join(' ')}`,
      );
    }
  if (profile)
    for (const t of tasks)
      if (t.tdur / 1000 > longTaskMs) console.log(`   task t+${((t.ts - from) / 1000).toFixed(1)} (${(t.tdur / 1000).toFixed(1)} ms CPU): ${inTask(profile, t.ts, t.ts + t.dur)}`);
  const afterEnd = tasks.filter((t) => t.ts >= end.ts).map((t) => (t.tdur / 1000).toFixed(2));
  console.log(`run ${i}: cpu ${total.toFixed(2)} ms, wall ${wall.toFixed(1)}, tasks ${tasks.length}, after end: [${afterEnd.join(' ')}]`);
  const rows = [...by].sort((a, b) => b[1].wall - a[1].wall).slice(0, Number(process.env.TOP ?? 25));
  for (const [k, v] of rows) {
    console.log(`   ${v.wall.toFixed(2).padStart(8)} wall ${v.cpu.toFixed(2).padStart(8)} cpu ${String(v.n).padStart(5)}  ${k}`);
    const a = agg.get(k) ?? [];
    a.push(v.wall);
    agg.set(k, a);
  }
}
await close();
