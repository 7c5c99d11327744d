/**
 * Developer aid: what the content script's start costs a page (docs/speed.md), over several loads
 * of a bench page in one browser: Chromium's CPU time for compiling the script (`v8.compile`) and
 * for running its top level and `main` (`v8.run`). Chromium keeps no code cache for a content
 * script: every page compiles it anew.
 *
 *   npx tsx scripts/script-start.ts [--page article-3k] [--loads 8]
 */
import { prepareContext, waitForEntry } from '../bench/measure';
import { servedBenchPage } from '../bench/served-page';
import type { TraceEvent } from '../bench/trace';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const loads = Number(arg('--loads', '8'));
const CONTENT_SCRIPT = /content-scripts\/content\.js/;
const KINDS = ['EvaluateScript', 'v8.compile', 'v8.run'] as const;

const { url, browser: b, close } = await servedBenchPage(arg('--page', 'article-3k'));
const figures = new Map<string, number[]>(KINDS.map((k) => [k, []]));
try {
  await prepareContext(b);
  for (let i = 0; i < loads; i++) {
    const tab = await b.context.newPage();
    const cdp = await b.context.newCDPSession(tab);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['toplevel', 'v8', 'devtools.timeline'], excludedCategories: ['*'] },
      transferMode: 'ReportEvents',
    } as never);
    // A new address each time: the background keeps one report per address.
    const address = `${url}?load=${i}`;
    await tab.goto(address, { waitUntil: 'load' });
    await waitForEntry(b, address, 0, 60_000);
    await cdp.send('Tracing.end');
    await done;
    const mine = events.filter((e) => e.ph === 'X' && CONTENT_SCRIPT.test(JSON.stringify((e as { args?: unknown }).args ?? {})));
    const line = KINDS.map((k) => {
      const ms = mine.filter((e) => e.name === k).reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
      figures.get(k)!.push(ms);
      return `${k} ${ms.toFixed(1)}`;
    });
    console.error(`load ${i}: ${line.join(' · ')}`);
    await tab.close();
  }
} finally {
  await close();
}
const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
// The first load also pays for the browser's own first use of the extension: left out of the medians.
for (const [k, all] of figures) {
  const rest = sorted(all.slice(1));
  console.log(
    `${k.padEnd(15)} CPU ms median ${rest[rest.length >> 1]?.toFixed(1)}, ${rest[0]?.toFixed(1)}-${rest[rest.length - 1]?.toFixed(1)} over ${rest.length} loads (first load ${all[0]?.toFixed(1)})`,
  );
}
