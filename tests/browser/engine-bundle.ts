/**
 * The scan as one script to put into a page's main world, for tests that need the engine's own
 * entry points (the extension's content script offers only the finished report).
 */
import { build } from 'esbuild';
import { bundleDefines } from '../../src/rules/bundle-defines';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium, PROJECT_ROOT } from '../../src/audit/browser';
import { LocalServer } from '../../src/audit/server';

const ENTRY = `
import { scanPage, scanPageInSlices } from './src/scan-page';
import { answerTriggers } from './src/engine/text-blocks';
import { answerPlanTexts } from './src/engine/label-questions';
import { precheckSteps } from './src/engine/precheck';
import { runAtOnce, runInSlices, ScanClock } from './src/engine/scan-timing';
import { answerPrecheck } from './src/engine/precheck-question';
import { bundledLexicon } from './src/rules/word-lists';
// The page's lexicon as on its first scan, whose tables are not filled: the pre-check asks elsewhere.
const unready = (lexicon) => Object.create(lexicon, { prepared: { value: false } });
import { pageText } from './src/engine/page-text';
import { watchForChanges } from './src/content/watch';
globalThis.__fairExitEngine = {
  watchForChanges,
  scanPage,
  pageText,
  precheck: (doc) => runAtOnce(precheckSteps(doc, bundledLexicon())),
  precheckByWalk: (doc) => runAtOnce(precheckSteps(doc, bundledLexicon(), false)),
  // The pre-check as on a page's first scan in the extension: its question answered by another lexicon (the background's).
  // A page's first scan as in the extension: text blocks' texts and discovery's short texts answered by the lexicon elsewhere. Its own lexicon is another
  // object (its kept block texts are its own), so that a scan by the bundled lexicon after it matches every text itself.
  scanAsked: (doc, opts) => scanPageInSlices(doc, { ...opts, lexicon: Object.create(bundledLexicon()), elsewhere: { triggers: async (texts) => answerTriggers(bundledLexicon(), texts), planTexts: async (texts) => answerPlanTexts(bundledLexicon(), texts) } }),
  precheckAsked: (doc) => runInSlices(precheckSteps(doc, unready(bundledLexicon()), true, undefined, { ask: async (text, questions) => questions.map((q) => answerPrecheck(bundledLexicon(), text, q)) }), new ScanClock()),
  mayHaveExitSurvey: (text) => bundledLexicon().mayHave('exitSurvey', text),
  lexiconPrepared: () => bundledLexicon().prepared,
};
`;

/** Defines globalThis.__fairExitEngine = { watchForChanges, scanPage, scanAsked, pageText, precheck, precheckByWalk, precheckAsked, mayHaveExitSurvey, lexiconPrepared } in the page it runs in. */
export async function engineBundle(): Promise<string> {
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: PROJECT_ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    // As the extension's build does: the word lists' matchers prepared once (src/rules/compiled-words.ts).
    define: { ...bundleDefines() },
    // Minified as the extension's build is: evaluated in every page a test reads, its size is time.
    minify: true,
    charset: 'utf8',
    format: 'iife',
    plugins: [
      {
        // The rule catalog is read with Vite's import.meta.glob: list the rule files for esbuild.
        name: 'rule-catalog',
        setup(b) {
          b.onLoad({ filter: /src[\\/]rules[\\/]catalog\.ts$/ }, (a) => {
            const names = readdirSync(join(PROJECT_ROOT, 'rules')).filter((n) => n.endsWith('.json'));
            const imports = names.map((n, i) => `import r${i} from '../../rules/${n}';`).join('\n');
            const table = `{${names.map((n, i) => `'../../rules/${n}': r${i}`).join(',')}}`;
            const src = readFileSync(a.path, 'utf8').replace(/import\.meta\.glob\([^)]*\)/, table);
            return { contents: `${imports}\n${src}`, loader: 'ts', resolveDir: join(PROJECT_ROOT, 'src/rules') };
          });
        },
      },
    ],
  });
  return out.outputFiles[0].text;
}

/** Plain Chromium (no extension), a loopback server and the engine's bundle, for tests that run the engine in pages of their own. */
export type EnginePages = {
  browser: Browser;
  server: LocalServer;
  bundle: string;
  /** The address of one of the pages given to startEnginePages. */
  urlOf: (name: string) => string;
  /** One of those pages in a new tab (1280 × 800), with the engine in its main world (`globalThis.__fairExitEngine`). */
  openWithEngine: (name: string) => Promise<Page>;
  close: () => Promise<void>;
};

/** Starts them, with `pages` (file name: HTML) written to a folder of their own, served on loopback. */
export async function startEnginePages(pages: Record<string, string> = {}): Promise<EnginePages> {
  const bundle = await engineBundle();
  const dir = mkdtempSync(join(tmpdir(), 'fair-exit-pages-'));
  for (const [name, html] of Object.entries(pages)) writeFileSync(join(dir, name), html);
  const server = new LocalServer();
  await server.start();
  // gc() for tests of what the engine keeps between scans.
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'] });
  const urlOf = (name: string) => server.urlFor(join(dir, name));
  return {
    browser,
    server,
    bundle,
    urlOf,
    openWithEngine: async (name) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(urlOf(name));
      await page.evaluate(bundle);
      return page;
    },
    close: async () => {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
