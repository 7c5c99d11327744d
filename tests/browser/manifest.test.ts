/**
 * The built manifests (Chrome MV3, Firefox MV2) against what the README promises: every permission
 * listed with its reason and used by the code, a strict CSP, no eval or remote code in the bundles.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, EXTENSION_DIR, PROJECT_ROOT } from '../../src/audit/browser';

const FIREFOX_DIR = join(PROJECT_ROOT, '.output', 'firefox-mv2');

type Manifest = {
  name: string;
  description: string;
  permissions?: string[];
  host_permissions?: string[];
  content_security_policy: { extension_pages: string } | string;
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required: string[] } } };
};

const read = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

/** Every permission named in the first column of the README's Permissions table. */
function readmePermissions(): string[] {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Permissions'));
  if (!section) throw new Error('README has no Permissions section');
  return section
    .split('\n')
    .filter((l) => /^\|\s*[^-\s|]/.test(l) && !/^\|\s*permission\s*\|/i.test(l))
    .flatMap((l) => [...l.split('|')[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
}

/** The code that needs each permission: a permission nothing uses should not be requested. */
const USED_BY: Record<string, RegExp> = {
  storage: /\bstorage\.(local|session|onChanged)\b/,
  tabs: /\bbrowser\.tabs\.(get|query)\(/,
  downloads: /\bdownloads\.download\(/,
  pageCapture: /\bpageCapture\b[\s\S]*saveAsMHTML|saveAsMHTML[\s\S]*\bpageCapture\b/,
  '<all_urls>': /\bcaptureVisibleTab\(/,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.ts$/.test(n) ? [readFileSync(p, 'utf8')] : [];
  });
}

function bundles(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.(js|html)$/.test(f))
    .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** The content script's code: Chromium's build has it in a module that a one-line loader imports (src/build/module-content-script.ts). */
function contentCode(dir: string): { file: string; text: string } {
  const all = bundles(dir);
  return all.find((b) => b.file.endsWith('content-main.js')) ?? all.find((b) => b.file.endsWith('content.js'))!;
}

function cspOf(m: Manifest): string {
  return typeof m.content_security_policy === 'string' ? m.content_security_policy : m.content_security_policy.extension_pages;
}

function expectStrictCsp(csp: string): void {
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  );
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  // Nothing else may widen what extension pages load or connect to.
  for (const [name, values] of directives) {
    for (const v of values) expect(["'self'", "'none'", 'data:', 'blob:'], `${name} ${v}`).toContain(v);
  }
  expect([...directives.keys()].sort()).toEqual(['base-uri', 'default-src', 'form-action', 'img-src', 'object-src', 'script-src']);
}

let chrome: Manifest;
let firefox: Manifest;
beforeAll(() => {
  ensureBuilt();
  if (!existsSync(join(FIREFOX_DIR, 'manifest.json'))) execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  chrome = read(EXTENSION_DIR);
  firefox = read(FIREFOX_DIR);
});

describe('permissions', () => {
  it('the README lists every permission of the Chrome build, and nothing more', () => {
    const requested = [...(chrome.permissions ?? []), ...(chrome.host_permissions ?? [])].sort();
    expect(readmePermissions().sort()).toEqual(requested);
    expect(requested).toEqual(['<all_urls>', 'downloads', 'pageCapture', 'storage', 'tabs']);
  });

  it('every permission requested is used by the code', () => {
    const code = [...sources(join(PROJECT_ROOT, 'src')), ...sources(join(PROJECT_ROOT, 'entrypoints'))].filter((t) => !t.includes("from 'playwright-core'"));
    for (const p of [...(chrome.permissions ?? []), ...(chrome.host_permissions ?? [])]) {
      expect(USED_BY[p], `no known use for ${p}`).toBeDefined();
      expect(
        code.some((t) => USED_BY[p].test(t)),
        p,
      ).toBe(true);
    }
  });

  it('the Firefox build asks for no Chrome-only permission and declares no data collection', () => {
    expect(firefox.permissions?.sort()).toEqual(['<all_urls>', 'downloads', 'storage', 'tabs']);
    expect(firefox.browser_specific_settings?.gecko?.id).toMatch(/^[\w.-]+@[\w.-]+$/);
    expect(firefox.browser_specific_settings?.gecko?.strict_min_version).toBe('140.0');
    expect(firefox.browser_specific_settings?.gecko?.data_collection_permissions).toEqual({ required: ['none'] });
  });
});

describe('no remote code', () => {
  it('both builds have a strict CSP for extension pages', () => {
    expectStrictCsp(cspOf(chrome));
    expectStrictCsp(cspOf(firefox));
  });

  it('no bundle evaluates strings as code or loads scripts from elsewhere', () => {
    for (const dir of [EXTENSION_DIR, FIREFOX_DIR]) {
      const all = bundles(dir);
      expect(all.length).toBeGreaterThan(3);
      for (const { file, text } of all) {
        expect(text, file).not.toMatch(/(?<![\w$.])eval\(|new Function\(|(?<![\w$.])Function\(|importScripts\(|WebAssembly\./);
        expect(text, file).not.toMatch(/<script[^>]+src=["']?(https?:)?\/\//i);
        expect(text, file).not.toMatch(/\bimport\(\s*["'`]https?:/);
      }
    }
  });

  it('name and description come from _locales', () => {
    for (const m of [chrome, firefox]) {
      expect(m.name).toBe('__MSG_extName__');
      expect(m.description).toBe('__MSG_extDescription__');
    }
  });
});

describe("Chromium's content script, a module", () => {
  it('the manifest lists a loader that imports the module, which only the extension can name', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      content_scripts: { js: string[]; matches: string[] }[];
      web_accessible_resources: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
    };
    expect(manifest.content_scripts.map((c) => c.js)).toEqual([['content-scripts/content.js']]);
    const loader = readFileSync(join(EXTENSION_DIR, 'content-scripts', 'content.js'), 'utf8');
    expect(loader.length).toBeLessThan(300);
    expect(loader).toMatch(/^import\(chrome\.runtime\.getURL\("\/content-scripts\/content-main\.js"\)\)/);
    // Reachable from the pages the content script runs on, at an address that changes every session.
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['content-scripts/content-main.js'], matches: manifest.content_scripts[0].matches, use_dynamic_url: true }]);
    // V8 compiles every function of the module as it loads it, off the page's thread.
    expect(readFileSync(join(EXTENSION_DIR, 'content-scripts', 'content-main.js'), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
  });

  it('the Firefox build keeps the classic content script', () => {
    const manifest = JSON.parse(readFileSync(join(FIREFOX_DIR, 'manifest.json'), 'utf8')) as { web_accessible_resources?: unknown };
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(existsSync(join(FIREFOX_DIR, 'content-scripts', 'content-main.js'))).toBe(false);
    expect(statSync(join(FIREFOX_DIR, 'content-scripts', 'content.js')).size).toBeGreaterThan(100_000);
  });
});

describe('the bundles stay lean', () => {
  it('the prepared word lists are written into each bundle at most once', () => {
    // The build writes the data out wherever its name stands in the code: named twice, the content
    // script grew from 834 KB to 1.31 MB, and every page parsed the copy again (word-lists.ts, SHIPPED).
    // The data is JSON in a string literal, written with its quotes escaped (src/build/quoted-strings.ts) or not.
    const mark = /\{\\?"looks\\?":\[/g;
    for (const dir of [EXTENSION_DIR, FIREFOX_DIR]) for (const { file, text } of bundles(dir)) expect(text.match(mark)?.length ?? 0, file).toBeLessThanOrEqual(1);
    expect(contentCode(EXTENSION_DIR).text.match(mark)).toHaveLength(1);
  });

  it("the content script holds the word lists' phrases only as the build prepared them, not the lists as written", () => {
    // Every page compiles the content script anew: the lists as written were a fifth of it (word-lists.ts, lexiconLists).
    for (const dir of [EXTENSION_DIR, FIREFOX_DIR]) {
      const content = contentCode(dir);
      for (const list of ['en', 'zh-CN', 'zh-TW']) {
        const note = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'rules', 'words', `${list}.json`), 'utf8')) as { note: string }).note;
        expect(content.text, `${dir}: ${list}`).not.toContain(note.slice(0, 40));
      }
      // The background checks the lists as written when it starts: it has them.
      const background = bundles(dir).find((b) => b.file.endsWith('background.js'))!;
      expect(background.text).toContain('Phrases are matched case-insensitively');
    }
  });
});
