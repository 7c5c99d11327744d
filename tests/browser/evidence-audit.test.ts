/**
 * `npm run audit -- --out DIR` on held-out unfair pages (tests/fixtures/realistic/, written apart from the rule
 * fixtures) and hostile pages: one bundle each, written by the extension's own code. Every manifest
 * hash matches the files in the folder and in the zip, each has a PNG screenshot of the screen's
 * size, and each report.html is safe in Chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, PROJECT_ROOT } from '../../src/audit/browser';
import { AuditOutput, PageReport } from '../../src/report/schema';
import { checkManifest, expectSafe, inspectReportHtml, pngSize, removeTempDirs, unzipWithSystemTool } from './evidence-helpers';
import { PAGES } from './harness';

const HELD_OUT = ['zhcn-01-mobile-operator.html', 'zhcn-04-food-delivery-member.html', 'zhcn-09-dating-vip.html'].map((f) => join(PROJECT_ROOT, 'tests/fixtures/realistic', f));
const HOSTILE = ['hostile.html', 'popup-hostile.html', 'bg-hostile.html'].map((f) => join(PAGES, f));

let out: string;
let status: number | null;
let stderr: string;
let browser: Browser;
let viewer: Page;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'fair-exit-evidence-audit-'));
  const r = spawnSync('npx', ['tsx', 'src/audit/cli.ts', '--json', '--out', out, ...HELD_OUT, ...HOSTILE], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 150_000 });
  status = r.status;
  stderr = r.stderr;
  browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
  viewer = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
  removeTempDirs();
});

const folders = () =>
  readdirSync(out)
    .filter((n) => /^\d{3}-/.test(n))
    .sort();

describe('audit --out writes the evidence bundle of each page', () => {
  it('one bundle per page, each with a zip whose files match the folder and the manifest', async () => {
    expect(status, stderr).toBe(0);
    expect(folders()).toHaveLength(HELD_OUT.length + HOSTILE.length);
    const audit = AuditOutput.parse(JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')));
    for (const folder of folders()) {
      const dir = join(out, folder);
      const zips = readdirSync(dir).filter((n) => n.endsWith('.zip'));
      expect(zips, folder).toHaveLength(1);
      expect(zips[0]).toMatch(/^fair-exit_127\.0\.0\.1_\d{4}-\d\d-\d\d_\d+-rules?\.zip$/);
      // The folder's files are the bundle's files (report.json included), with the manifest's hashes.
      const manifest = checkManifest(dir, (n) => n === zips[0]);
      const unzipped = unzipWithSystemTool(join(dir, zips[0]));
      const fromZip = checkManifest(unzipped);
      expect(fromZip.files).toEqual(manifest.files);
      expect(manifest.files.map((f) => f.name)).toContain('screenshot.png');
      expect(await pngSize(viewer, join(dir, 'screenshot.png')), folder).toEqual({ width: 1280, height: 800 });
      // The bundle shows the very report the audit reports.
      const report = PageReport.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
      expect(report).toEqual(audit.pages.find((p) => p.url === report.url));
      expect(existsSync(join(dir, 'complaint.txt'))).toBe(true);
    }
  });

  it('held-out unfair pages: findings in report.html, numbered crops, a 12315-shaped complaint in Chinese', async () => {
    for (const folder of folders().slice(0, HELD_OUT.length)) {
      const dir = join(out, folder);
      const report = PageReport.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
      expect(report.findings.length, folder).toBeGreaterThan(0);
      const html = await inspectReportHtml(viewer, join(dir, 'report.html'));
      expectSafe(html);
      expect(html.findings).toBe(report.findings.length);
      expect(html.text).toContain('Fair Exit 证据报告');
      const complaint = readFileSync(join(dir, 'complaint.txt'), 'utf8');
      expect(complaint).toContain('【经营者】');
      expect(complaint).toContain('【事实与理由】');
      expect(complaint).toContain('【诉求】\n1. 提供与升级同等便捷的降级/取消途径');
      expect(complaint).toContain(report.url);
      const crops = readdirSync(join(dir, 'crops'));
      expect(crops.length, folder).toBeGreaterThan(0);
      for (const c of crops) expect((await pngSize(viewer, join(dir, 'crops', c))).width).toBeGreaterThan(10);
    }
  });

  it('hostile pages: report.html executes nothing and shows their text literally', async () => {
    const audit = AuditOutput.parse(JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')));
    const texts: string[] = [];
    for (const folder of folders().slice(HELD_OUT.length)) {
      const dir = join(out, folder);
      const raw = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(/<script|<img src=x/i.test(raw), folder).toBe(false);
      const html = await inspectReportHtml(viewer, join(dir, 'report.html'));
      expectSafe(html);
      const report = PageReport.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
      expect(audit.pages.map((p) => p.url)).toContain(report.url);
      expect(html.text).toContain(report.title.trim());
      texts.push(html.text);
    }
    // page.mhtml is the hostile page itself: saved without its scripts, and nothing of it runs when opened.
    const sabotaged = join(out, folders()[HELD_OUT.length], 'page.mhtml');
    expect(existsSync(sabotaged)).toBe(true);
    await viewer.goto(`file://${sabotaged}`);
    expect(await viewer.evaluate(() => [document.querySelectorAll('script').length, String(document.querySelectorAll).includes('[native code]')])).toEqual([0, true]);
    // The titles written to be hostile, literally.
    expect(texts.join('\n')).toContain('My plan <img src=x onerror="window.__pwned=3">');
    expect(texts.join('\n')).toContain('<img src=x onerror="window.__pwned=1"> Membership');
  });
});
