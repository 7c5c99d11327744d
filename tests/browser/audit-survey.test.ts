/**
 * The survey (docs/audit.md) in real Chromium: a folder of pages audited with --out and
 * --concurrency 2, shards and their merge, --compare, and Ctrl-C.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium, PROJECT_ROOT } from '../../src/audit/browser';
import { pageKey } from '../../src/audit/compare';
import { INDEX_CSP } from '../../src/audit/html';
import { LocalServer } from '../../src/audit/server';
import type { AuditOutput } from '../../src/report/schema';
import { audit, cli, merge } from './audit-cli';
import { PAGES } from './harness';

const FIX = join(PROJECT_ROOT, 'tests/fixtures');
/** The survey folder: file name -> the page copied there (one finding each on the fires- pages). */
const FOLDER_A: Record<string, string> = {
  'contact.html': join(FIX, 'forced-contact/fires-telecom-hotline.html'),
  'account.html': join(FIX, 'fair/fair-account-equal-upgrade-cancel-en.html'),
  'hostile.html': join(PAGES, 'hostile.html'),
  'member.html': join(FIX, 'missing-exit/fires-premium-member-en.html'),
  'shame-zh.html': join(FIX, 'confirmshaming/fires-cruel-leave-zhcn.html'),
  'window.html': join(FIX, 'restricted-window/fires-last-7-days-cancel.html'),
};
/** The same folder later: contact.html fixed, account.html gained an upgrade-pressure finding. */
const FOLDER_B: Record<string, string> = {
  ...FOLDER_A,
  'contact.html': join(FIX, 'forced-contact/fair-questions-call-us.html'),
  'account.html': join(FIX, 'upgrade-pressure/fires-spots-left-en.html'),
};
const N = Object.keys(FOLDER_A).length;

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as AuditOutput;
const readCsv = (file: string) => {
  const [header, ...rows] = parse(readFileSync(file, 'utf8'), { bom: true }) as string[][];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])) as Record<string, string>);
};
/** Page key -> its findings as comparable strings (ids and scan times differ between runs). */
const findingsOf = (out: AuditOutput) =>
  Object.fromEntries(out.pages.map((p) => [pageKey(p.url), p.findings.map((f) => `${f.rule}|${f.verdict}|${f.severity}|${f.message}`).sort()]));
const fileOf = (url: string) => url.replace(/^.*\//, '');

let tmp: string;
let folderA: string;
let folderB: string;
let out: string;

function copyFolder(dir: string, pages: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, from] of Object.entries(pages)) copyFileSync(from, join(dir, name));
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fe-survey-'));
  folderA = join(tmp, 'a', 'pages');
  folderB = join(tmp, 'b', 'pages');
  copyFolder(folderA, FOLDER_A);
  copyFolder(folderB, FOLDER_B);
  out = join(tmp, 'out');
  const r = await audit('--out', out, '--concurrency', '2', folderA);
  expect(r.status, r.stderr).toBe(0);
}, 240_000);

describe('npm run audit -- --out DIR --concurrency 2 FOLDER', () => {
  it('writes audit.json, and summary.csv with one row per page matching the JSON findings', () => {
    const json = readJson(join(out, 'audit.json'));
    expect(json.pages.map((p) => fileOf(p.url)).sort()).toEqual(Object.keys(FOLDER_A).sort());
    const rows = readCsv(join(out, 'summary.csv'));
    expect(rows).toHaveLength(N);
    for (const row of rows) {
      const page = json.pages.find((p) => p.url === row.url)!;
      expect(page, row.url).toBeDefined();
      expect(row.title).toBe(page.title);
      const violations = page.findings.filter((f) => f.verdict === 'violation');
      expect(Number(row.violations)).toBe(violations.length);
      expect(Number(row.needs_review)).toBe(page.findings.length - violations.length);
      for (const f of violations) expect(Number(row[f.rule])).toBeGreaterThan(0);
      expect(existsSync(join(out, row.folder, 'report.json'))).toBe(true);
    }
    const byFile = Object.fromEntries(rows.map((r) => [fileOf(r.url), r]));
    expect(byFile['contact.html']['forced-contact']).toBe('1');
    expect(byFile['shame-zh.html'].title).toBe('自动续费管理 - 萌宠日记');
    expect(byFile['account.html'].verdict).toBe('no findings');
  });

  it('writes an index.html that lists every page, links each page folder, and runs nothing in Chromium', async () => {
    const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => {
        errors.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      await page.goto(`file://${join(out, 'index.html')}`);
      const seen = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        scripts: document.querySelectorAll('script').length,
        handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
        rows: [...document.querySelectorAll('tbody tr')].map((tr) => tr.textContent ?? ''),
        folders: [...document.querySelectorAll('td.folder a')].map((a) => a.getAttribute('href')),
        chartBars: document.querySelectorAll('svg.chart rect').length,
        text: document.body.innerText,
      }));
      expect(seen.pwned).toBeNull();
      expect(errors).toEqual([]);
      expect(seen.scripts).toBe(0);
      expect(seen.handlers).toEqual([]);
      expect(seen.csp).toBe(INDEX_CSP);
      expect(seen.rows).toHaveLength(N);
      for (const name of Object.keys(FOLDER_A)) expect(seen.rows.some((r) => r.includes(`pages/${name}`))).toBe(true);
      // The hostile control label is shown as text.
      expect(seen.text).toContain('Upgrade <img src=x onerror="window.__pwned=1"></title><script>window.__pwned=2</script>');
      expect(seen.chartBars).toBeGreaterThan(0);
      for (const href of seen.folders) expect(existsSync(join(out, decodeURIComponent(href!))), href!).toBe(true);
      // Each page's evidence: its folder, report.html, the bundle .zip and report.json.
      for (const name of ['/report.html', '/report.json']) expect(seen.folders.filter((h) => h!.endsWith(name))).toHaveLength(N);
      expect(seen.folders.filter((h) => h!.endsWith('.zip'))).toHaveLength(N);
    } finally {
      await browser.close();
    }
  });
});

describe('--shard K/N and npm run audit:merge', () => {
  it('two shards of a --urls list cover it exactly once, and their merge equals the unsharded run', async () => {
    const list = join(tmp, 'a', 'list.txt');
    writeFileSync(
      list,
      `# the survey, one target a line\n${Object.keys(FOLDER_A)
        .map((n) => `pages/${n}`)
        .join('\n')}\n\n# end\n`,
    );
    const s1 = join(tmp, 'shard1');
    const s2 = join(tmp, 'shard2');
    // A local file's shard key is its path from the working folder: run from the list's folder, as
    // every machine of a sharded survey would, so the split is fixed (2 and 4 of the 6 pages).
    const shard = (k: number, dir: string) => cli('cli.ts', ['--out', dir, '--shard', `${k}/2`, '--urls', 'list.txt'], undefined, join(tmp, 'a'));
    const [r1, r2] = [await shard(1, s1), await shard(2, s2)];
    expect(r1.status, r1.stderr).toBe(0);
    expect(r2.status, r2.stderr).toBe(0);
    const k1 = readJson(join(s1, 'audit.json')).pages.map((p) => pageKey(p.url));
    const k2 = readJson(join(s2, 'audit.json')).pages.map((p) => pageKey(p.url));
    expect([k1.length, k2.length]).toEqual([2, 4]);
    expect(k1.filter((k) => k2.includes(k))).toEqual([]);
    const whole = readJson(join(out, 'audit.json'));
    expect([...k1, ...k2].sort()).toEqual(whole.pages.map((p) => pageKey(p.url)).sort());

    const merged = join(tmp, 'merged');
    const m = await merge('--out', merged, s1, join(s2, 'audit.json'));
    expect(m.status, m.stderr).toBe(0);
    expect(findingsOf(readJson(join(merged, 'audit.json')))).toEqual(findingsOf(whole));
    const rows = readCsv(join(merged, 'summary.csv'));
    expect(rows.map((r) => Number(r.n))).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    for (const r of rows) expect(existsSync(join(merged, r.folder, 'report.json')), r.folder).toBe(true);
    expect(readFileSync(join(merged, 'index.html'), 'utf8')).toContain(`${N} targets, ${N} audited`);
  }, 240_000);

  it('says which shard is missing from a merge', async () => {
    const m = await merge('--out', join(tmp, 'half'), join(tmp, 'shard1'));
    expect(m.status).toBe(0);
    expect(m.stderr).toMatch(/shard 2\/2 not among the inputs/);
  });
});

describe('--compare OLD.json', () => {
  it('marks the finding fixed since the earlier audit and the new one, in the CSV and index.html', async () => {
    const out2 = join(tmp, 'out2');
    const r = await audit('--out', out2, '--compare', join(out, 'audit.json'), folderB);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/since the earlier audit: 1 new finding\(s\), 1 fixed/);
    const rows = Object.fromEntries(readCsv(join(out2, 'summary.csv')).map((row) => [fileOf(row.url), row]));
    expect([rows['contact.html'].fixed_findings, rows['contact.html'].new_findings]).toEqual(['1', '0']);
    expect(rows['contact.html'].changes).toMatch(/^FIXED forced-contact/);
    expect([rows['account.html'].fixed_findings, rows['account.html'].new_findings]).toEqual(['0', '1']);
    expect(rows['account.html'].changes).toMatch(/^NEW upgrade-pressure/);
    for (const name of ['hostile.html', 'member.html', 'shame-zh.html', 'window.html']) expect(rows[name].changes).toBe('');
    const html = readFileSync(join(out2, 'index.html'), 'utf8');
    expect(html).toMatch(/<b>1<\/b> new finding\(s\), <b>1<\/b> fixed/);
    expect(html.match(/<li class="new">/g)).toHaveLength(1);
    expect(html.match(/<li class="fixed">/g)).toHaveLength(1);
  }, 240_000);
});

describe('Ctrl-C', () => {
  it('stops cleanly: exit 130, the finished pages written, the rest marked not audited', async () => {
    const out3 = join(tmp, 'out3');
    const r = await cli('cli.ts', ['--out', out3, '--concurrency', '1', folderA], (interrupt) => {
      // Interrupt once the first page's folder is written.
      const timer = setInterval(() => {
        if (!existsSync(join(out3, '001-account', 'report.json'))) return;
        clearInterval(timer);
        interrupt();
      }, 50);
    });
    expect(r.status, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/stopped after \d+ of 6 target\(s\)/);
    const meta = JSON.parse(readFileSync(join(out3, 'survey.json'), 'utf8'));
    expect(meta.interrupted).toBe(true);
    const json = readJson(join(out3, 'audit.json'));
    const ok = meta.targets.filter((t: { status: string }) => t.status === 'ok');
    const notRun = meta.targets.filter((t: { status: string }) => t.status === 'not-run');
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(notRun.length).toBeGreaterThanOrEqual(1);
    expect(json.pages).toHaveLength(ok.length);
    expect(readCsv(join(out3, 'summary.csv'))).toHaveLength(N);
    expect(readFileSync(join(out3, 'index.html'), 'utf8')).toContain('This run was stopped before it finished');
  }, 240_000);
});

describe('--profile DIR', () => {
  it('audits an account page behind a sign-in wall with a profile signed in beforehand, and refuses a profile in use', async () => {
    const account = join(PAGES, 'signin', 'account.html');
    const profile = join(tmp, 'profile');
    // "Signing in by hand": a plain Chromium on that profile, the sign-in form submitted once.
    const server = new LocalServer();
    await server.start();
    const ctx = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await ctx.newPage();
      await page.goto(server.urlFor(join(PAGES, 'signin', 'signin.html')));
      await page.click('#go');
      await page.waitForSelector('body[data-signed-in="yes"]');
      const busy = await audit('--profile', profile, account);
      expect(busy.status).toBe(2);
      expect(busy.stderr).toMatch(/a Chromium is using this profile/);
    } finally {
      await ctx.close();
      await server.stop();
    }
    const signedOut = await audit('--json', account);
    expect(signedOut.status, signedOut.stderr).toBe(0);
    expect(JSON.parse(signedOut.stdout).pages[0].findings).toEqual([]);
    const signedIn = await audit('--json', '--profile', profile, account);
    expect(signedIn.status, signedIn.stderr).toBe(0);
    expect(JSON.parse(signedIn.stdout).pages[0].findings.map((f: { rule: string }) => f.rule)).toEqual(['missing-exit']);
    expect(existsSync(profile)).toBe(true);
  }, 240_000);
});

describe('redirects', () => {
  it('a target that redirects is reported on the page it ended on; two targets ending on one page get one row each', async () => {
    const outR = join(tmp, 'redirect');
    const moved = join(PAGES, 'signin', 'moved.html');
    const r = await audit('--out', outR, '--concurrency', '2', moved, join(PAGES, 'signin', 'account.html'));
    expect(r.status, r.stderr).toBe(0);
    const rows = readCsv(join(outR, 'summary.csv'));
    expect(rows.map((row) => [row.n, fileOf(row.target), row.status, row.title, row.reason])).toEqual([
      ['1', 'moved.html', 'ok', 'Account overview — Tonebox', ''],
      ['2', 'account.html', 'ok', 'Account overview — Tonebox', 'ended on the same page as #1'],
    ]);
    const meta = JSON.parse(readFileSync(join(outR, 'survey.json'), 'utf8'));
    expect(fileOf(meta.targets[0].page)).toBe('account.html');
  }, 240_000);
});
