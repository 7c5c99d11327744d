/** Checks on evidence bundles shared by the evidence tests: unzip, manifest hashes, PNGs, report.html safety. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export type Manifest = {
  format: string;
  tool: { name: string; version: string };
  url: string;
  capturedAt: string | null;
  files: { name: string; bytes: number; sha256: string }[];
  absent: { name: string; reason: string }[];
};

const made: string[] = [];

/** A new temporary folder, removed by removeTempDirs(). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Unpacks a zip with the system's standard unzip (after its own integrity test) into a new folder. */
export function unzipWithSystemTool(zipPath: string): string {
  execFileSync('unzip', ['-tq', zipPath]);
  const dir = tempDir('fair-exit-bundle-');
  execFileSync('unzip', ['-q', zipPath, '-d', dir]);
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Every file listed with the right size and SHA-256; every bundle file (but the manifest) listed. */
export function checkManifest(dir: string, ignore: (name: string) => boolean = () => false): Manifest {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  expect(manifest.format).toBe('fair-exit-evidence');
  for (const f of manifest.files) {
    const bytes = readFileSync(join(dir, f.name));
    expect(bytes.length, f.name).toBe(f.bytes);
    expect(createHash('sha256').update(bytes).digest('hex'), f.name).toBe(f.sha256);
  }
  const listed = new Set(manifest.files.map((f) => f.name));
  const present = filesUnder(dir)
    .map((p) => relative(dir, p))
    .filter((n) => n !== 'manifest.json' && !ignore(n));
  expect(present.filter((n) => !listed.has(n))).toEqual([]);
  expect(manifest.files.every((f) => existsSync(join(dir, f.name)))).toBe(true);
  return manifest;
}

/** Decodes a PNG in Chromium; returns its size. */
export async function pngSize(page: Page, path: string): Promise<{ width: number; height: number }> {
  const b64 = readFileSync(path).toString('base64');
  return page.evaluate(async (data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    return { width: bmp.width, height: bmp.height };
  }, b64);
}

export type HtmlSafety = { scripts: number; handlers: string[]; jsUrls: string[]; csp: string | null; pwned: unknown; text: string; images: number; findings: number };

/**
 * Opens report.html in Chromium (file://) and reads what a hostile page could have slipped in: script
 * elements, on* attributes, javascript: URLs anywhere; the CSP meta; whether anything ran.
 */
export async function inspectReportHtml(page: Page, path: string): Promise<HtmlSafety> {
  await page.goto(`file://${path}`);
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    const handlers: string[] = [];
    const jsUrls: string[] = [];
    for (const el of all) {
      for (const a of el.getAttributeNames()) {
        const v = el.getAttribute(a) ?? '';
        if (/^on/i.test(a)) handlers.push(`${el.tagName}.${a}`);
        if (/^\s*javascript:/i.test(v)) jsUrls.push(`${el.tagName}.${a}`);
      }
    }
    const w = window as unknown as { __pwned?: unknown };
    return {
      scripts: document.querySelectorAll('script').length,
      handlers,
      jsUrls,
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
      pwned: w.__pwned,
      text: document.body.innerText,
      images: [...document.images].filter((i) => i.complete && i.naturalWidth > 0).length,
      findings: document.querySelectorAll('li.finding').length,
    };
  });
}

export function expectSafe(s: HtmlSafety): void {
  expect(s.scripts).toBe(0);
  expect(s.handlers).toEqual([]);
  expect(s.jsUrls).toEqual([]);
  expect(s.csp).toMatch(/default-src 'none'/);
  expect(s.csp).not.toMatch(/script-src|unsafe-inline/);
  expect(s.pwned).toBeUndefined();
}

/** The colour of one pixel of a PNG, decoded in Chromium. */
export async function pixelAt(page: Page, path: string, x: number, y: number): Promise<[number, number, number]> {
  const b64 = readFileSync(path).toString('base64');
  return page.evaluate(
    async ({ data, x, y }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const d = ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data;
      return [d[0], d[1], d[2]] as [number, number, number];
    },
    { data: b64, x, y },
  );
}

/** The outline's red (#d93025), give or take the PNG's antialiasing. */
export function isOutlineRed([r, g, b]: [number, number, number]): boolean {
  return r > 180 && g < 100 && b < 90;
}
