import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle, bundleFileName } from '../../src/evidence/bundle';
import { complaintText } from '../../src/evidence/complaint';
import { escapeHtml, reportHtml } from '../../src/evidence/report-html';
import type { StoredCapture } from '../../src/evidence/types';
import { formatWhen } from '../../src/evidence/words';
import type { PageReport } from '../../src/report/schema';
import { report as zhReport } from './popup-fixtures';

// A 1×1 PNG.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const HOSTILE = '<img src=x onerror="window.__pwned=1"></title><script>alert(1)</script>';

function hostileReport(): PageReport {
  return {
    url: 'https://www.example.com/account?a=1&b=<x>',
    title: `Plan ${HOSTILE}`,
    scannedAt: '2026-12-01T10:00:00.000Z',
    scanMs: 12,
    subscriptionPage: true,
    language: 'en',
    controls: [
      { id: 'c1', role: 'upgrade', text: `Upgrade ${HOSTILE}`, selector: '#up', salience: 80, visible: true, factors: {} },
      { id: 'c2', role: 'cancel', text: 'javascript:alert(1)', selector: 'a[href="javascript:alert(1)"]', salience: 10, visible: true, factors: {} },
    ],
    findings: [
      { id: 'f1', rule: 'asymmetric-prominence', severity: 'high', verdict: 'violation', controls: ['c1', 'c2'], message: `Message ${HOSTILE}`, evidence: { note: HOSTILE } },
      { id: 'f2', rule: 'hidden-exit', severity: 'medium', verdict: 'needs-review', controls: ['c2'], message: 'Maybe hidden', evidence: {} },
    ],
  };
}

function capture(over: Partial<StoredCapture> = {}): StoredCapture {
  return {
    formatVersion: 1,
    scannedAt: '2026-12-01T10:00:00.000Z',
    capturedAt: '2026-12-01T10:00:01.000Z',
    utcOffsetMinutes: 480,
    timeZone: 'Asia/Shanghai',
    browser: 'Test browser',
    extensionVersion: '0.1.0',
    viewport: { width: 1280, height: 800, scrollX: 0, scrollY: 0, devicePixelRatio: 1 },
    pageHeight: 800,
    boxes: [{ n: 1, controlId: 'c1', x: 10, y: 10, width: 100, height: 40 }],
    screenshot: PNG,
    full: null,
    fullNote: 'the page fits on one screen',
    crops: [{ n: 1, controlId: 'c1', dataUrl: PNG }],
    text: `Visible text ${HOSTILE}`,
    mhtml: null,
    mhtmlNote: 'this browser cannot save pages as MHTML (no pageCapture)',
    ...over,
  };
}

const TOOL = { name: 'fair-exit', version: '9.9.9' };

describe('evidence bundle', () => {
  it('lists every other file in the manifest with its SHA-256 and size, and says what is absent and why', async () => {
    const b = await buildBundle({ report: hostileReport(), capture: capture(), tool: TOOL });
    const names = b.files.map((f) => f.name);
    expect(names).toEqual(['screenshot.png', 'crops/control-01.png', 'report.json', 'page.txt', 'report.html', 'complaint.txt', 'manifest.json']);
    const manifest = JSON.parse(new TextDecoder().decode(b.files.at(-1)!.bytes));
    expect(manifest).toMatchObject({ format: 'fair-exit-evidence', tool: TOOL, capturedAt: '2026-12-01T10:00:01.000Z', url: hostileReport().url });
    for (const f of b.files.slice(0, -1)) {
      const entry = manifest.files.find((e: { name: string }) => e.name === f.name);
      expect(entry).toEqual({ name: f.name, bytes: f.bytes.length, sha256: createHash('sha256').update(f.bytes).digest('hex') });
    }
    expect(manifest.absent).toEqual([
      { name: 'screenshot-full.png', reason: 'the page fits on one screen' },
      { name: 'page.mhtml', reason: 'this browser cannot save pages as MHTML (no pageCapture)' },
    ]);
  });

  it('the zip holds exactly those bytes, opens with the system unzip, and is the same for the same inputs', async () => {
    const a = await buildBundle({ report: hostileReport(), capture: capture(), tool: TOOL });
    const b = await buildBundle({ report: hostileReport(), capture: capture(), tool: TOOL });
    expect(Buffer.from(a.zip).equals(Buffer.from(b.zip))).toBe(true);
    const unzipped = unzipSync(a.zip);
    for (const f of a.files) expect(Buffer.from(unzipped[f.name]).equals(Buffer.from(f.bytes))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'fair-exit-unit-'));
    writeFileSync(join(dir, a.fileName), a.zip);
    execFileSync('unzip', ['-tq', join(dir, a.fileName)]);
    const listing = execFileSync('unzip', ['-l', join(dir, a.fileName)], { encoding: 'utf8' });
    // Zip times are the capture's UTC clock, whatever the machine's time zone.
    expect(listing).toContain('2026-12-01 10:00');
    expect(readFileSync(join(dir, a.fileName)).length).toBe(a.zip.length);
  });

  it('takes extra files (a flow step list) and refuses two files of one name', async () => {
    const extra = { name: 'flow/steps.json', bytes: new TextEncoder().encode('[]\n') };
    const b = await buildBundle({ report: hostileReport(), capture: capture(), tool: TOOL, extraFiles: [extra] });
    expect(b.files.map((f) => f.name)).toContain('flow/steps.json');
    const manifest = JSON.parse(new TextDecoder().decode(b.files.at(-1)!.bytes));
    expect(manifest.files.map((f: { name: string }) => f.name)).toContain('flow/steps.json');
    await expect(buildBundle({ report: hostileReport(), capture: capture(), tool: TOOL, extraFiles: [{ ...extra, name: 'report.json' }] })).rejects.toThrow(
      /two files named report.json/,
    );
  });

  it('without a capture: no screenshot, no page text, each said to be absent', async () => {
    const b = await buildBundle({ report: hostileReport(), capture: null, tool: TOOL });
    expect(b.files.map((f) => f.name)).toEqual(['report.json', 'report.html', 'complaint.txt', 'manifest.json']);
    const manifest = JSON.parse(new TextDecoder().decode(b.files.at(-1)!.bytes));
    expect(manifest.absent.map((a: { name: string }) => a.name)).toEqual(['screenshot.png', 'screenshot-full.png', 'page.txt', 'page.mhtml']);
  });

  it('file name: site, day of the scan and number of rules, safe for any file system', () => {
    expect(bundleFileName(hostileReport())).toBe('fair-exit_example.com_2026-12-01_2-rules.zip');
    expect(bundleFileName({ ...hostileReport(), findings: hostileReport().findings.slice(0, 1) })).toBe('fair-exit_example.com_2026-12-01_1-rule.zip');
    expect(bundleFileName({ ...hostileReport(), url: 'http://[::1]:8080/a' })).toMatch(/^fair-exit_[a-z0-9.-]+_2026-12-01_2-rules\.zip$/);
  });
});

describe('report.html', () => {
  it('has no script, a strict CSP and the page text escaped (parsed in happy-dom)', async () => {
    const html = await reportHtml({ report: hostileReport(), capture: capture(), lang: 'en', tool: TOOL, files: ['screenshot.png'], absent: [] });
    expect(/<script/i.test(html)).toBe(false);
    expect(html).toContain(escapeHtml(HOSTILE));
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    const attrs = [...doc.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().map((a) => [a, el.getAttribute(a) ?? '']));
    expect(attrs.filter(([a]) => /^on/i.test(a))).toEqual([]);
    expect(attrs.filter(([, v]) => /^\s*javascript:/i.test(v))).toEqual([]);
    expect(doc.querySelectorAll('a')).toHaveLength(0);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(csp).toMatch(/^default-src 'none'; img-src data:; style-src 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'; form-action 'none'$/);
    expect(doc.querySelector('.page-title')!.textContent).toBe(`Plan ${HOSTILE}`);
    expect(doc.body.textContent).toContain('Upgrade <img src=x');
    expect(doc.querySelectorAll('img')).toHaveLength(2);
    expect(doc.body.textContent).toContain('2026-12-01 18:00:01 UTC+08:00 (Asia/Shanghai)');
  });

  it('embeds only PNG data URLs', async () => {
    const html = await reportHtml({
      report: hostileReport(),
      capture: capture({ screenshot: 'javascript:alert(1)', crops: [{ n: 1, controlId: 'c1', dataUrl: 'data:text/html,<script>' }] }),
      lang: 'en',
      tool: TOOL,
      files: [],
      absent: [],
    });
    expect(new DOMParser().parseFromString(html, 'text/html').querySelectorAll('img')).toHaveLength(0);
  });

  it('in Chinese for a Chinese page, findings and review apart', async () => {
    const r = zhReport();
    const html = await reportHtml({ report: r, capture: null, lang: 'zh', tool: TOOL, files: [], absent: [] });
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.documentElement.lang).toBe('zh-CN');
    expect(doc.querySelector('h1')!.textContent).toBe('Fair Exit 证据报告');
    expect(doc.querySelectorAll('ol.findings:not(.review) > li').length).toBe(r.findings.filter((f) => f.verdict === 'violation').length);
  });
});

describe('complaint.txt', () => {
  it('Chinese pages: shaped for 12315 (经营者, 事实与理由, 诉求), numbered like the screenshot', () => {
    const r = zhReport();
    const text = complaintText({ report: r, lang: 'zh', utcOffsetMinutes: 480, timeZone: 'Asia/Shanghai' });
    const order = ['【投诉人】', '【经营者】', '【事实与理由】', '【诉求】', '【证据】'].map((h) => text.indexOf(h));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]))).toBe(true);
    expect(text).toContain('1. 提供与升级同等便捷的降级/取消途径；');
    expect(text).toContain(r.url);
    expect(text).toMatch(/\[1\]“立即升级 5G 畅享套餐”/);
    expect(text).toContain('12315');
  });

  it('English pages: for the FTC or a state attorney general, page text quoted as it is', () => {
    const text = complaintText({ report: hostileReport(), lang: 'en', utcOffsetMinutes: -300, timeZone: 'America/New_York' });
    expect(text).toMatch(/FTC/);
    expect(text).toMatch(/attorney general/);
    expect(text).toContain('What I ask for\n1. A way to downgrade or cancel online that is as easy as upgrading;');
    expect(text).toContain('2026-12-01 05:00:00 UTC-05:00 (America/New_York)');
    // Only violations are listed; plain text, so the markup stays as the page wrote it.
    expect(text).toContain(`1. The way to stay outshines the way out: Message ${HOSTILE}`);
    expect(text).not.toContain('Maybe hidden');
  });
});

describe('formatWhen', () => {
  it('states the clock and the zone', () => {
    expect(formatWhen('2026-12-31T23:30:00Z', 60, 'Europe/Paris')).toBe('2027-01-01 00:30:00 UTC+01:00 (Europe/Paris)');
    expect(formatWhen('2026-12-01T10:00:00Z', -570, '')).toBe('2026-12-01 00:30:00 UTC-09:30');
  });
});
