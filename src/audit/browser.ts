/** System Chromium with the built extension loaded (never a downloaded browser). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(PROJECT_ROOT, '.output', 'chrome-mv3');
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH=${override} does not exist`);
    return override;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('no Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH');
  return found;
}

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newestMtime(join(path, n))));
}

/** Builds the extension when there is no build or a source is newer than it. */
export function ensureBuilt(log: (s: string) => void = () => {}): void {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  const sources = ['src', 'entrypoints', 'rules', 'public', 'wxt.config.ts'].map((p) => join(PROJECT_ROOT, p)).filter(existsSync);
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  log('building the extension (wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export type ExtensionBrowser = { context: BrowserContext; worker: Worker; extensionId: string; close: () => Promise<void> };

export async function launchWithExtension(
  opts: { profileDir?: string; viewport?: { width: number; height: number }; /** More Chromium flags (e.g. a device scale factor). */ args?: string[] } = {},
): Promise<ExtensionBrowser> {
  const profile = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'fair-exit-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    // The audit handles Ctrl-C itself (it writes what was finished); Playwright's own handler would
    // kill the browser and exit at once.
    handleSIGINT: false,
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(opts.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    close: async () => {
      await context.close();
      if (!opts.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The current service worker (it may have been restarted since launch). */
export async function currentWorker(b: ExtensionBrowser): Promise<Worker> {
  const live = b.context.serviceWorkers().find((w) => w.url().includes(b.extensionId));
  return live ?? (await b.context.waitForEvent('serviceworker', { timeout: 15000 }));
}
