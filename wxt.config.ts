import { defineConfig } from 'wxt';
import { bundleDefines } from './src/rules/bundle-defines';
import { quotedStrings } from './src/build/quoted-strings';
import { contentAsModule, moduleContentScript, moduleResource } from './src/build/module-content-script';

/**
 * Extension pages (popup, history, background) may load only the extension's own files: no remote
 * script, no eval, no plugins, no fetch or XHR to anywhere else. Screenshots in the history page are
 * data: URLs. `wxt dev` keeps the loose default, since its live reload talks to a local server.
 */
const STRICT_CSP = ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "img-src 'self' data: blob:"].join('; ');

// Firefox's id for the add-on store (stable across versions), and the first releases that know
// data_collection_permissions (desktop 140 ESR, Android 142).
const GECKO_ID = 'fair-exit@fair-exit.invalid';
const GECKO_MIN_VERSION = '140.0';
const GECKO_ANDROID_MIN_VERSION = '142.0';

// See README "Permissions" for why each one is needed.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser, command }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // pageCapture (the page as MHTML in the evidence bundle) exists in Chrome only.
    permissions: ['storage', 'tabs', 'downloads', ...(browser === 'firefox' ? [] : ['pageCapture'])],
    host_permissions: ['<all_urls>'],
    content_security_policy: {
      extension_pages: command === 'serve' ? "script-src 'self'; object-src 'self'" : STRICT_CSP,
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: GECKO_MIN_VERSION,
              // Nothing is collected or sent: see README "Privacy".
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: GECKO_ANDROID_MIN_VERSION },
          },
        }
      : {}),
  }),
  zip: {
    // The sources zip Firefox reviewers rebuild from: everything the build needs, not the demo,
    // validation and screenshot material (hidden files, node_modules and tests are left out by WXT).
    excludeSources: ['demo/**', 'validation/**', 'docs/screenshots/**', 'survey/**', '**/*.zip'],
  },
  // FAIR_EXIT_NO_MINIFY=1: readable function names in a CPU profile (bench/profile.ts).
  // The rules and word lists are checked here, and the word lists' matchers prepared, once, not on each page's first scan (src/rules/bundle-defines.ts).
  // Long strings (that word data) are written back as quoted literals, which V8 reads faster than the minifier's templates (src/build/quoted-strings.ts).
  // In Chromium's build the content script is a module that a one-line loader imports: compiled off the page's thread, and cached (src/build/module-content-script.ts).
  vite: (env) => ({
    define: { ...bundleDefines(), __FAIR_EXIT_PHASE_MARKS__: process.env.FAIR_EXIT_PHASE_MARKS ? 'true' : 'false' },
    plugins: [quotedStrings(), ...(contentAsModule(env) ? [moduleContentScript()] : [])],
    ...(process.env.FAIR_EXIT_NO_MINIFY ? { build: { minify: false } } : {}),
  }),
  hooks: {
    // WXT treats an entrypoint named "history" as a replacement for the browser's own history page.
    // Ours is the extension's report history, opened from the popup: never take over chrome://history.
    'build:manifestGenerated': (wxt, manifest) => {
      delete manifest.chrome_url_overrides;
      if (contentAsModule(wxt.config)) {
        const matches = [...new Set((manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []))];
        manifest.web_accessible_resources = [
          ...((manifest.web_accessible_resources as object[] | undefined) ?? []),
          moduleResource(matches),
        ] as typeof manifest.web_accessible_resources;
      }
      // WXT takes the button's tooltip from the popup's <title>; the manifest's is the translated name.
      const button = manifest.action ?? manifest.browser_action;
      if (button) button.default_title = '__MSG_extName__';
    },
  },
});
