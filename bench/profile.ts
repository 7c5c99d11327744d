/**
 * `npx tsx bench/profile.ts [--page NAME] [--runs N]`: a CPU profile (V8 sampling profiler, all
 * worlds of the page's main thread) of the extension's own rescans on one bench page, summed by
 * function: self time and total time. For finding where the scan's time goes (docs/speed.md).
 * Build without minifying first for readable names: `FAIR_EXIT_NO_MINIFY=1 npx wxt build`.
 * `--loads L --skip K`: the page loaded L times afresh, each time K rescans left unprofiled first
 * (`--loads 5 --skip 0 --runs 1`: a page's first rescan, the coldest, over five loads).
 * `--load`: the page's load instead (the content script's start and first scan), over `--loads` loads.
 * `--callers NAME`: who calls a function; `--within KEY`: only the samples below a frame that KEY names
 * (`--load --within content-main.js:2:24`: the content script's top level, as it starts, in Chromium's build, where it is a module whose first line is the compile hint).
 */
import { rescan, waitForEntry } from './measure';
import { eachSample, startProfiler, stopProfiler, type ProfileNode, type SampledProfile as Profile } from './samples';
import { servedBenchPage } from './served-page';

const argv = process.argv.slice(2);
const name = argv[argv.indexOf('--page') + 1] && argv.includes('--page') ? argv[argv.indexOf('--page') + 1] : 'plan-10k';
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 5;
const top = argv.includes('--top') ? Number(argv[argv.indexOf('--top') + 1]) : 40;
const loads = argv.includes('--loads') ? Number(argv[argv.indexOf('--loads') + 1]) : 1;
const skip = argv.includes('--skip') ? Number(argv[argv.indexOf('--skip') + 1]) : 0;
/** --callers NAME: who calls a function, by total time spent in it below each caller. */
const wanted = argv.includes('--callers') ? argv[argv.indexOf('--callers') + 1] : null;
/** --within KEY: only the samples below a frame whose "name file:line:column" holds KEY (`--within content-main.js:2:24`: the script's top level). */
const within = argv.includes('--within') ? argv[argv.indexOf('--within') + 1] : null;
/** PROFILE_US: the sampling interval. */
const intervalUs = Number(process.env.PROFILE_US ?? 50);

const { url, browser: b, close } = await servedBenchPage(name);
try {
  const profiles: Profile[] = [];
  for (let load = 0; load < loads; load++) {
    const tab = await b.context.newPage();
    const cdp = await b.context.newCDPSession(tab);
    if (argv.includes('--load')) {
      await startProfiler(cdp, intervalUs);
      await tab.goto(url, { waitUntil: 'load' });
      await waitForEntry(b, url, 0, 60_000);
      profiles.push(await stopProfiler(cdp));
      await tab.close();
      continue;
    }
    await tab.goto(url, { waitUntil: 'load' });
    let { seq } = await waitForEntry(b, url, 0, 60_000);
    for (let i = 0; i < skip; i++) {
      await rescan(b, url);
      seq = (await waitForEntry(b, url, seq, 60_000)).seq;
    }
    await new Promise((r) => setTimeout(r, 300));
    await startProfiler(cdp, intervalUs);
    for (let i = 0; i < runs; i++) {
      await rescan(b, url);
      seq = (await waitForEntry(b, url, seq, 60_000)).seq;
      await new Promise((r) => setTimeout(r, 300));
    }
    profiles.push(await stopProfiler(cdp));
    await tab.close();
  }
  report(profiles, argv.includes('--load') ? loads : runs * loads);
} finally {
  await close();
}

function report(profiles: Profile[], n: number): void {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const callers = new Map<string, number>();
  for (const p of profiles) add(p, self, total, callers);
  const ms = (us: number) => (us / 1000 / n).toFixed(2).padStart(8);
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title} (ms per scan, ${n} scans)`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)}  ${k}`);
  };
  print('self', self);
  print('total', total);
  if (wanted) print(`callers of ${wanted}`, callers);
}

function add(p: Profile, self: Map<string, number>, total: Map<string, number>, callers: Map<string, number>): void {
  const key = (x: ProfileNode) => `${x.callFrame.functionName || '(anon)'} ${x.callFrame.url.split('/').pop()}:${x.callFrame.lineNumber + 1}:${x.callFrame.columnNumber + 1}`;
  eachSample(p, (stack, us) => {
    if (within && !stack.some((x) => key(x).includes(within))) return;
    self.set(key(stack[0]), (self.get(key(stack[0])) ?? 0) + us);
    for (const k of new Set(stack.map(key))) total.set(k, (total.get(k) ?? 0) + us);
    const at = wanted ? stack.findIndex((x) => x.callFrame.functionName === wanted) : -1;
    if (at < 0) return;
    const path = stack
      .slice(at, at + 4)
      .map((x) => x.callFrame.functionName || key(x))
      .join(' < ');
    callers.set(path, (callers.get(path) ?? 0) + us);
  });
}
