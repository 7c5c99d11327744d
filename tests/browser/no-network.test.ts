/**
 * Nothing leaves the machine: real Chromium with the extension scans a page with findings, shows the
 * popup and the history page, rescans and exports evidence from both, while two recorders note every
 * request: Chromium's own network log (--log-net-log: every request through the network stack, from
 * pages, the service worker, content scripts and downloads, with the origin that started it) and
 * Playwright's request events (which page or worker made it). Any request the extension makes fails
 * the test; the extension may only load its own packaged files (chrome-extension://ID/...).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentWorker, ensureBuilt, EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from '../../src/audit/browser';
import { LocalServer } from '../../src/audit/server';
import { openExtensionPage, waitFor } from './background-helpers';
import { PAGES } from './harness';
import { openFixture, openPopup } from './popup-helpers';

declare const chrome: any; // the extension API inside the worker

type Seen = { url: string; by: string };

/** Every URL request in a Chromium net log, with the origin that started it ("not an origin" for the browser itself). */
function netLogRequests(path: string): Seen[] {
  const log = JSON.parse(readFileSync(path, 'utf8')) as {
    constants: { logEventTypes: Record<string, number> };
    events: { type: number; params?: { url?: string; initiator?: string } }[];
  };
  const startJob = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  return log.events.filter((e) => e.type === startJob && e.params?.url).map((e) => ({ url: e.params!.url!, by: e.params!.initiator ?? 'not an origin' }));
}

function whoMade(r: Request): string {
  const sw = r.serviceWorker();
  if (sw) return sw.url();
  try {
    return r.frame().url();
  } catch {
    return 'unknown';
  }
}

/**
 * The extension's own files that pages may load at an address Chromium makes for them each session
 * (`use_dynamic_url`: chrome-extension://<a new id>/<path>): in Chromium's build, the content script's
 * module, which its loader imports (src/build/module-content-script.ts).
 */
function ownSessionFile(url: string): boolean {
  sessionFiles ??= (
    (JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { web_accessible_resources?: { resources: string[]; use_dynamic_url?: boolean }[] })
      .web_accessible_resources ?? []
  )
    .filter((w) => w.use_dynamic_url)
    .flatMap((w) => w.resources);
  const m = /^chrome-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/([^?#]+)$/.exec(url);
  return m !== null && sessionFiles.includes(m[1]);
}
/** The built manifest's per-session files, read once (after the build). */
let sessionFiles: string[] | undefined;

/** A browser with both recorders on, and the judge that tells the extension's requests from the page's and the browser's. */
class Recorder {
  readonly netLog: string;
  readonly dir = mkdtempSync(join(tmpdir(), 'fair-exit-netlog-'));
  readonly playwright: Seen[] = [];
  /** Addresses the test itself opens on loopback: the page may load these (and its favicon). */
  readonly pageUrls = new Set<string>();
  b!: ExtensionBrowser;

  constructor(readonly server: LocalServer) {
    this.netLog = join(this.dir, 'netlog.json');
  }

  async launch(): Promise<ExtensionBrowser> {
    this.b = await launchWithExtension({ args: [`--log-net-log=${this.netLog}`, '--net-log-capture-mode=Default'] });
    this.b.context.on('request', (r) => this.playwright.push({ url: r.url(), by: whoMade(r) }));
    return this.b;
  }

  /** The browser must be closed first: Chromium finishes the net log when it exits. */
  verdicts(): { fromExtension: Seen[]; browserOwn: Seen[]; net: Seen[] } {
    const own = `chrome-extension://${this.b.extensionId}/`;
    const loopback = (u: string) => /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//.test(u);
    const pageMayLoad = (u: string) => this.pageUrls.has(u) || /^https?:\/\/127\.0\.0\.1:\d+\/favicon\.ico$/.test(u);
    const net = netLogRequests(this.netLog);
    const fromExtension: Seen[] = [];
    const browserOwn: Seen[] = [];
    for (const r of net) {
      if (r.by.startsWith('chrome-extension://')) fromExtension.push(r);
      // Started by the page (or navigated to by the test), yet not something the page loads: a content script's request.
      else if (loopback(r.url) ? !pageMayLoad(r.url) : r.by !== 'not an origin') fromExtension.push(r);
      else if (!loopback(r.url)) browserOwn.push(r);
    }
    for (const r of this.playwright) {
      if (r.url.startsWith(own) || ownSessionFile(r.url) || r.url.startsWith('data:') || r.url.startsWith(`blob:${own}`)) continue;
      // A request from an extension page or the worker, or a tab the extension opened elsewhere.
      if (r.by.startsWith('chrome-extension://') || !pageMayLoad(r.url)) fromExtension.push(r);
    }
    return { fromExtension, browserOwn, net };
  }

  cleanUp(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function downloads(b: ExtensionBrowser): Promise<{ url: string; state: string }[]> {
  const w = await currentWorker(b);
  return w.evaluate(async () => (await chrome.downloads.search({})).map((d: any) => ({ url: d.url as string, state: d.state as string })));
}

let server: LocalServer;
beforeAll(async () => {
  ensureBuilt();
  server = new LocalServer();
  await server.start();
});
afterAll(async () => server?.stop());

describe('no network requests from the extension', () => {
  it('scanning, the popup, the history page, rescanning and exporting evidence make none', async () => {
    const rec = new Recorder(server);
    const b = await rec.launch();
    try {
      // A page with findings: it is scanned, counted on the badge and saved with its screenshot.
      const file = join(PAGES, 'popup-hostile.html');
      rec.pageUrls.add(server.urlFor(file));
      const o = await openFixture(b, server, file);
      expect(o.report.findings.length).toBeGreaterThan(0);
      const w = await currentWorker(b);
      const savedId = await waitFor(
        'the saved report',
        () => w.evaluate((t) => (globalThis as any).fairExit.tabs.get(t)?.savedId ?? null, o.tabId),
        (id) => typeof id === 'string',
      );
      await waitFor(
        'its capture',
        () => w.evaluate(async (id) => (await (globalThis as any).fairExit.db.get(id))?.screenshot?.capture ?? null, savedId),
        (c) => c !== null,
        20_000,
      );

      // The popup: the report, a rescan, an evidence export.
      const popup = await openPopup(b, o.tabId);
      await popup.getByRole('button', { name: 'Rescan' }).click();
      await popup.waitForFunction(() => document.querySelector('.view')?.getAttribute('aria-busy') === 'false');
      await popup.getByRole('button', { name: 'Export evidence' }).click();
      await popup.waitForFunction(() => /^Saved to your downloads: /.test(document.querySelector('.export-status')?.textContent ?? ''), null, { timeout: 20_000 });

      // The history page: the list, one report in full (its screenshot), its evidence export.
      const history = await openExtensionPage(b, 'history.html');
      await history.waitForSelector('a.title');
      await history.goto(`chrome-extension://${b.extensionId}/history.html#report=${encodeURIComponent(savedId)}`);
      await history.waitForSelector('button.export-evidence');
      await history.click('button.export-evidence');
      await history.waitForFunction(() => /Saved to your downloads/.test(document.querySelector('.export-status')?.textContent ?? ''), null, { timeout: 20_000 });

      // Both bundles came from the extension's own memory, not from anywhere on the network.
      const done = await waitFor(
        'two finished downloads',
        () => downloads(b),
        (d) => d.filter((x) => x.state === 'complete').length >= 2,
        20_000,
      );
      for (const d of done) expect(d.url).toMatch(new RegExp(`^(blob:chrome-extension://${b.extensionId}/|data:application/zip;)`));
    } finally {
      await b.close();
    }

    const { fromExtension, browserOwn, net } = rec.verdicts();
    // The recorders worked: the net log has the page, Playwright saw the popup load its own files.
    expect(net.some((r) => rec.pageUrls.has(r.url))).toBe(true);
    expect(rec.playwright.some((r) => r.url.startsWith(`chrome-extension://${b.extensionId}/chunks/`) && r.by.includes('/popup.html'))).toBe(true);
    // The content script's module, loaded by the page's content script from the extension's files.
    expect(rec.playwright.some((r) => ownSessionFile(r.url) && r.url.endsWith('/content-scripts/content-main.js'))).toBe(true);
    expect(fromExtension).toEqual([]);
    // Chromium's own background traffic (for example its account check) has no origin and is not the extension's.
    if (browserOwn.length) console.log(`Chromium's own requests (not the extension's): ${[...new Set(browserOwn.map((r) => new URL(r.url).host))].join(', ')}`);
    rec.cleanUp();
  });

  it('the recorders catch a request the extension does make (so the test above can fail)', async () => {
    const rec = new Recorder(server);
    const b = await rec.launch();
    const canary = `${server.urlFor(join(PAGES, 'bg-fair.html'))}?canary=1`;
    try {
      const w = await currentWorker(b);
      // The CSP refuses fetch() from the worker and extension pages; the downloads API is a way out it does not govern.
      expect(
        await w.evaluate(
          (u) =>
            fetch(u).then(
              () => 'sent',
              () => 'refused',
            ),
          canary,
        ),
      ).toBe('refused');
      await w.evaluate((u) => chrome.downloads.download({ url: u }), canary);
      await waitFor(
        'the canary download',
        () => downloads(b),
        (d) => d.some((x) => x.url === canary && x.state === 'complete'),
        10_000,
      );
    } finally {
      await b.close();
    }
    const { fromExtension } = rec.verdicts();
    expect(fromExtension.map((r) => r.url)).toContain(canary);
    rec.cleanUp();
  });
});
