/**
 * Developer aid: the JavaScript heap a bench page uses after its load and first scan, with the
 * extension loaded, after three full collections (bench/measure.ts pageMemory: the page's isolate, so
 * the content script's world is in it), and its array buffers and external strings. For what the scan
 * keeps between scans (docs/speed.md).
 *
 *   npx tsx scripts/page-heap.ts --page article-50k [--loads 4]
 */
import { pageMemory, prepareContext } from '../bench/measure';
import { loadAfresh, servedBenchPage } from '../bench/served-page';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const loads = Number(arg('--loads', '4'));
const name = arg('--page', 'article-50k');

const { url, browser: b, close } = await servedBenchPage(name);
const used: string[] = [];
try {
  await prepareContext(b);
  for (let l = 0; l < loads; l++) {
    const { tab, cdp } = await loadAfresh(b, url, l);
    const { heapMB, externalMB } = await pageMemory(cdp);
    used.push(`${heapMB} + ${externalMB}`);
    await tab.close();
  }
  console.log(`${name}: heap + array buffers and external strings after collection, MB, by load: ${used.join(', ')}`);
} finally {
  await close();
}
