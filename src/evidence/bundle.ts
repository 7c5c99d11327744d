/**
 * The evidence bundle of one page: the files, their manifest and the .zip. One function for the
 * popup, the history page and the audit (which only writes the bytes out). The same inputs give the
 * same bytes. Extra files (e.g. a flow's step list) are passed in and listed in the manifest too.
 */
import { PageReport } from '../report/schema';
import { dataUrlBytes, utf8 } from './bytes';
import { complaintText } from './complaint';
import { manifestFor, MANIFEST_NAME } from './manifest';
import { reportHtml } from './report-html';
import type { StoredCapture } from './types';
import { siteOf, type BundleLang } from './words';
import { zipFiles, type BundleFile } from './zip';

export type BundleInput = {
  report: PageReport;
  capture: StoredCapture | null;
  tool: { name: string; version: string };
  extraFiles?: BundleFile[];
};

export type Bundle = { fileName: string; files: BundleFile[]; zip: Uint8Array };

export const FILE = {
  screenshot: 'screenshot.png',
  full: 'screenshot-full.png',
  report: 'report.json',
  text: 'page.txt',
  mhtml: 'page.mhtml',
  html: 'report.html',
  complaint: 'complaint.txt',
  manifest: MANIFEST_NAME,
} as const;

export function cropName(n: number): string {
  return `crops/control-${String(n).padStart(2, '0')}.png`;
}

export function bundleLang(report: PageReport): BundleLang {
  return report.language === 'zh' ? 'zh' : 'en';
}

/** "fair-exit_example.com_2026-12-01_3-rules.zip": the site, the day of the scan (UTC), the rules found. */
export function bundleFileName(report: PageReport): string {
  const site =
    siteOf(report.url)
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .slice(0, 60) || 'page';
  const day = /^\d{4}-\d\d-\d\d/.exec(report.scannedAt)?.[0] ?? 'undated';
  const rules = new Set(report.findings.map((f) => f.rule)).size;
  return `fair-exit_${site}_${day}_${rules}-${rules === 1 ? 'rule' : 'rules'}.zip`;
}

export async function buildBundle(input: BundleInput): Promise<Bundle> {
  const report = PageReport.parse(input.report);
  const { capture } = input;
  const lang = bundleLang(report);
  const files: BundleFile[] = [];
  const absent: { name: string; reason: string }[] = [];
  const en = lang === 'en';

  if (capture) {
    files.push({ name: FILE.screenshot, bytes: dataUrlBytes(capture.screenshot) });
    if (capture.full) files.push({ name: FILE.full, bytes: dataUrlBytes(capture.full) });
    else absent.push({ name: FILE.full, reason: capture.fullNote ?? (en ? 'the page fits on one screen' : '页面在一屏之内') });
    for (const c of capture.crops) files.push({ name: cropName(c.n), bytes: dataUrlBytes(c.dataUrl) });
  } else {
    const reason = en ? 'no screenshot was captured for this report' : '本报告没有截图';
    absent.push({ name: FILE.screenshot, reason }, { name: FILE.full, reason });
  }
  files.push({ name: FILE.report, bytes: utf8(`${JSON.stringify(report, null, 2)}\n`) });
  if (capture) files.push({ name: FILE.text, bytes: utf8(capture.text.endsWith('\n') ? capture.text : `${capture.text}\n`) });
  else absent.push({ name: FILE.text, reason: en ? 'the page text was not captured' : '未保存页面文字' });
  if (capture?.mhtml) files.push({ name: FILE.mhtml, bytes: utf8(capture.mhtml) });
  else absent.push({ name: FILE.mhtml, reason: capture?.mhtmlNote ?? (en ? 'this browser cannot save pages as MHTML' : '此浏览器无法将页面保存为 MHTML') });

  const extra = input.extraFiles ?? [];
  const offset = capture?.utcOffsetMinutes ?? 0;
  const zone = capture?.timeZone ?? 'UTC';
  const later = [FILE.html, FILE.complaint, ...extra.map((f) => f.name)];
  const html = await reportHtml({ report, capture, lang, tool: input.tool, files: [...files.map((f) => f.name), ...later, FILE.manifest], absent });
  files.push({ name: FILE.html, bytes: utf8(html) });
  files.push({ name: FILE.complaint, bytes: utf8(complaintText({ report, lang, utcOffsetMinutes: offset, timeZone: zone })) });
  files.push(...extra);

  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name) || f.name === FILE.manifest) throw new Error(`two files named ${f.name} in one bundle`);
    names.add(f.name);
  }
  files.push(
    await manifestFor(files, {
      tool: input.tool,
      url: report.url,
      scannedAt: report.scannedAt,
      capturedAt: capture?.capturedAt ?? null,
      absent,
    }),
  );
  const at = new Date(capture?.capturedAt ?? report.scannedAt);
  return { fileName: bundleFileName(report), files, zip: zipFiles(files, at) };
}
