import { defineConfig } from 'wxt';

// See README "Permissions" for why each one is needed.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Fair Exit',
    description: 'Flags subscription pages that make upgrading easy and downgrading or cancelling hard.',
    default_locale: 'en',
    // pageCapture (the page as MHTML in the evidence bundle) exists in Chrome only.
    permissions: ['storage', 'tabs', 'downloads', ...(browser === 'firefox' ? [] : ['pageCapture'])],
    host_permissions: ['<all_urls>'],
    action: { default_title: 'Fair Exit' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
  }),
  hooks: {
    // WXT treats an entrypoint named "history" as a replacement for the browser's own history page.
    // Ours is the extension's report history, opened from the popup: never take over chrome://history.
    'build:manifestGenerated': (_wxt, manifest) => {
      delete manifest.chrome_url_overrides;
    },
  },
});
