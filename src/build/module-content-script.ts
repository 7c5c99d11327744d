/**
 * Build side (never bundled): the content script as a module that a one-line loader imports, in the
 * Chromium build. Chromium compiles a content script on the page's main thread on every page, and
 * keeps no code cache for it; a module imported from the extension is compiled on a background
 * thread while it loads (streamed), and its code is cached. Its first line asks V8 to compile every
 * function with it (an explicit compile hint), so the first scan does not compile the engine's
 * functions one by one on the page's thread either. Measured on the bench pages: a page's visit
 * costs its main thread 55-70 ms of CPU less (medians), for 0.6-1.1 MB more heap and a first report
 * 75-200 ms later (docs/speed-log.md, thirty-ninth session).
 *
 * The loader is what the manifest lists; the module is a web-accessible resource under a dynamic URL
 * (a new random address per browser session), so a web page cannot probe for it. Firefox keeps the
 * classic content script: the build for it is left as it is.
 */
import type { Plugin } from 'vite';

/** What the manifest lists (WXT names the content script's output so). */
export const CONTENT_SCRIPT = 'content-scripts/content.js';
/** The content script's code, now a module. */
export const CONTENT_MODULE = 'content-scripts/content-main.js';
/** V8's explicit compile hint: compile every function of this file with it (Chromium 136 and later). */
export const COMPILE_ALL_HINT = '//# allFunctionsCalledOnLoad';

/**
 * The loader: a classic script, as a content script must be. `import()` from a content script runs the
 * module in the content script's world, and the page's CSP does not apply to it.
 */
export const LOADER = `import(chrome.runtime.getURL(${JSON.stringify(`/${CONTENT_MODULE}`)})).catch((e) => console.warn("Fair Exit could not start on this page:", e));\n`;

/** Whether a build makes the content script a module: Chromium's (MV3) builds, not `wxt dev` nor Firefox. */
export function contentAsModule(env: { browser: string; manifestVersion: number; command: string }): boolean {
  return env.browser !== 'firefox' && env.manifestVersion === 3 && env.command === 'build';
}

/** The Vite plugin: the content script's code written out as the module (hint first), and the loader in its place. */
export function moduleContentScript(): Plugin {
  return {
    name: 'fair-exit:module-content-script',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunk = bundle[CONTENT_SCRIPT];
      if (!chunk || chunk.type !== 'chunk') return;
      // WXT writes the chunks it knows by their names: the module goes out as a file of its own.
      this.emitFile({ type: 'asset', fileName: CONTENT_MODULE, source: `${COMPILE_ALL_HINT}\n${chunk.code}` });
      chunk.code = LOADER;
    },
  };
}

/** The manifest's entry that lets the loader import the module. */
export function moduleResource(matches: string[]): { resources: string[]; matches: string[]; use_dynamic_url: true } {
  return { resources: [CONTENT_MODULE], matches, use_dynamic_url: true };
}
