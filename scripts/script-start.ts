/**
 * Developer aid: what the content script's start costs a page (docs/speed.md), over several loads
 * of a bench page in one browser: Chromium's CPU time for compiling the script (`v8.compile`) and
 * for running its top level and `main` (`v8.run`). Chromium keeps no code cache for a content
 * script: every page compiles it anew. In Chromium's build the script is a loader, and the code a
 * module it imports (src/build/module-content-script.ts): its compile (`v8.compileModule`, mostly off
 * the page's thread) and its evaluation (`v8.evaluateModule`: the bench's pages load no module of their
 * own) are counted too.
 *
 *   npx tsx scripts/script-start.ts [--page article-3k] [--loads 8]
 */
import { prepareContext } from '../bench/measure';
import { traceLoad } from '../bench/load-trace';
import { median } from '../bench/summary';
import { servedBenchPage } from '../bench/served-page';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const loads = Number(arg('--loads', '8'));
const CONTENT_SCRIPT = /content-scripts\/content(-main)?\.js/;
const KINDS = ['EvaluateScript', 'v8.compile', 'v8.run', 'v8.compileModule', 'v8.evaluateModule'] as const;

const { url, browser: b, close } = await servedBenchPage(arg('--page', 'article-3k'));
const figures = new Map<string, number[]>(KINDS.map((k) => [k, []]));
try {
  await prepareContext(b);
  for (let i = 0; i < loads; i++) {
    // A new address each time: the background keeps one report per address.
    const { tab, events } = await traceLoad(b, `${url}?load=${i}`, ['toplevel', 'v8', 'devtools.timeline']);
    const mine = events.filter((e) => e.ph === 'X' && (e.name === 'v8.evaluateModule' || CONTENT_SCRIPT.test(JSON.stringify((e as { args?: unknown }).args ?? {}))));
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
    `${k.padEnd(15)} CPU ms median ${median(rest).toFixed(1)}, ${rest[0]?.toFixed(1)}-${rest[rest.length - 1]?.toFixed(1)} over ${rest.length} loads (first load ${all[0]?.toFixed(1)})`,
  );
}
