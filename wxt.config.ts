import { defineConfig } from 'wxt';

// See README "Permissions" for why each one is needed.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Fair Exit',
    description: 'Flags subscription pages that make upgrading easy and downgrading or cancelling hard.',
    permissions: ['storage', 'tabs'],
    host_permissions: ['<all_urls>'],
    action: { default_title: 'Fair Exit' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
  },
});
