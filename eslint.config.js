// ESLint 9 flat config: typescript-eslint's recommended rules, and bans on the ways page text could
// become markup or code (innerHTML and friends, document.write, eval, new Function).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const MARKUP = 'Page text must never become markup: build nodes (src/ui/h.ts, entrypoints/history/dom.ts) and set textContent.';
const CODE = 'No string is ever run as code (strict CSP, no remote code).';

export default defineConfig(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'audit-out/**', 'survey/**', 'tests/fixtures/**', 'validation/**', 'demo/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node, ...globals.webextensions },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: MARKUP },
        { property: 'outerHTML', message: MARKUP },
        { property: 'insertAdjacentHTML', message: MARKUP },
        { property: 'createContextualFragment', message: MARKUP },
        { object: 'document', property: 'write', message: MARKUP },
        { object: 'document', property: 'writeln', message: MARKUP },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='Function']", message: CODE },
        { selector: "NewExpression[callee.name='Function']", message: CODE },
        { selector: "MemberExpression[property.name='srcdoc']", message: MARKUP },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Page text is cleaned of control characters on purpose (src/ui/text.ts, report-html, lexicon).
      'no-control-regex': 'off',
    },
  },
  {
    // The audit's callbacks run inside Chromium (page, worker), where the extension's globals are untyped.
    files: ['src/audit/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests and tools write their own pages (fixtures in happy-dom, pages for Chromium): that markup
    // is the test's, not the page's. Their callbacks run in the browser, where the extension API is untyped.
    files: ['tests/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-properties': 'off',
      // Hostile pages under test carry javascript: URLs as data.
      'no-script-url': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
