import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { AuditOutput, PageReport } from '../../src/report/schema';
import { parseShard } from '../../src/audit/args';
import { compareAudits, pageKey } from '../../src/audit/compare';
import { csvField, surveyCsv } from '../../src/audit/csv';
import { esc, surveyHtml } from '../../src/audit/html';
import { mergeAudits } from '../../src/audit/merge';
import { runPool } from '../../src/audit/pool';
import { Progress } from '../../src/audit/progress';
import { buildSurvey, salienceRatio, type SurveyMeta } from '../../src/audit/survey';
import { dedupeTargets, expandTargets, parseTargetList, shardOf, targetKey } from '../../src/audit/targets';
import { finding, report } from './storage-fixtures';

const audit = (pages: PageReport[]): AuditOutput => ({ schemaVersion: 1, tool: { name: 'fair-exit', version: '0.1.0' }, pages });
const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false });

describe('summary.csv', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(3.5)).toBe('3.5');
    expect(csvField(null)).toBe('');
  });

  it('defuses spreadsheet formulas: a text starting with = + - @ tab or CR is shown, not evaluated', () => {
    for (const s of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const field = csvField(s);
      const [[back]] = parseCsv(`${field}\r\n`);
      expect(back).toBe(`'${s}`);
    }
    expect(csvField('a=b')).toBe('a=b');
  });

  it('reads back with a CSV parser: one row per target, Chinese text intact, hostile titles inert', () => {
    const pages = [
      report('https://a.example/plan', [finding('missing-exit'), finding('hidden-exit', { verdict: 'needs-review' })], { title: '我的套餐 - 星联移动，"VIP"' }),
      report('https://b.example/plan', [], { title: '=cmd|"/c calc"!A1' }),
    ];
    const csv = surveyCsv(buildSurvey(audit(pages), null));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(csv);
    expect(rows).toHaveLength(2);
    const col = (name: string) => header.indexOf(name);
    expect(rows[0][col('title')]).toBe('我的套餐 - 星联移动，"VIP"');
    expect(rows[0][col('violations')]).toBe('1');
    expect(rows[0][col('needs_review')]).toBe('1');
    expect(rows[0][col('missing-exit')]).toBe('1');
    expect(rows[0][col('hidden-exit')]).toBe('0');
    expect(rows[1][col('title')]).toBe(`'=cmd|"/c calc"!A1`);
    expect(rows[1][col('verdict')]).toBe('no findings');
  });
});

describe('--urls lists', () => {
  it('keeps one target a line, skips blank lines and # comments, keeps a # inside a URL', () => {
    const text = '\uFEFF# survey of 2026\r\nhttps://a.example/account#plan\n\n  https://b.example/x   # the second one\nlocal/page.html\n/abs/page.html\n';
    expect(parseTargetList(text, '/lists', '/lists')).toEqual(['https://a.example/account#plan', 'https://b.example/x', 'local/page.html', '/abs/page.html']);
  });

  it('resolves a relative path against the list file’s folder', () => {
    expect(parseTargetList('pages/a.html\n', '/work/lists', '/work')).toEqual(['lists/pages/a.html']);
  });
});

describe('targets', () => {
  it('names the pages of a folder as the folder was named, and drops repeated targets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fe-targets-'));
    writeFileSync(join(dir, 'b.html'), '<p>b');
    writeFileSync(join(dir, 'a.html'), '<p>a');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const rel = relative(process.cwd(), dir);
    const t = expandTargets([rel, join(dir, 'a.html'), 'https://x.example/a', 'HTTPS://X.EXAMPLE/a', 'ftp://x']);
    expect(t.slice(0, 2).map((x) => x.input)).toEqual([join(rel, 'a.html'), join(rel, 'b.html')]);
    expect(t[5].error).toMatch(/only http/);
    const { targets, repeated } = dedupeTargets(t);
    expect(targets.map((x) => x.input)).toEqual([join(rel, 'a.html'), join(rel, 'b.html'), 'https://x.example/a', 'ftp://x']);
    expect(repeated.map((x) => x.input)).toEqual([join(dir, 'a.html'), 'HTTPS://X.EXAMPLE/a']);
  });
});

describe('--shard K/N', () => {
  const keys = Array.from({ length: 200 }, (_, i) => `https://site${i}.example/account`);

  it('puts every target in exactly one shard, whatever N', () => {
    for (const n of [1, 2, 3, 7]) {
      const counts = new Array(n + 1).fill(0);
      for (const k of keys) {
        const s = shardOf(k, n);
        expect(s).toBeGreaterThanOrEqual(1);
        expect(s).toBeLessThanOrEqual(n);
        counts[s]++;
      }
      expect(counts.reduce((a, b) => a + b, 0)).toBe(keys.length);
      // Roughly balanced: no shard under half its share.
      for (let s = 1; s <= n; s++) expect(counts[s]).toBeGreaterThan(keys.length / n / 2);
    }
  });

  it('is stable: a target’s shard depends on the target alone, not on the list or the machine', () => {
    const before = keys.map((k) => shardOf(k, 4));
    const shuffled = [...keys].reverse().concat(['https://new.example/']);
    for (const k of shuffled.slice(0, -1)) expect(shardOf(k, 4)).toBe(before[keys.indexOf(k)]);
    // Fixed values: a change of hash would silently reshuffle surveys split across machines.
    expect(['a.html', 'b.html', 'c.html', 'https://example.com/'].map((k) => shardOf(k, 3))).toEqual([1, 3, 3, 2]);
  });

  it('keys a local file by its path from the working folder, a URL as the URL parser writes it', () => {
    expect(targetKey({ input: 'HTTPS://Example.com', kind: 'url' })).toBe('https://example.com/');
    expect(targetKey({ input: 'x', kind: 'file', path: '/work/p/pages/a.html' }, '/work/p')).toBe('pages/a.html');
  });

  it('rejects K/N outside 1 <= K <= N', () => {
    expect(parseShard('2/3')).toEqual({ k: 2, n: 3 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });
});

describe('--compare', () => {
  const sentence = (s: string) => ({ evidence: { sentence: s } });
  const before = audit([
    report('http://127.0.0.1:40001/r0/a.html', [finding('forced-contact', { id: 'f1', ...sentence('Call us to cancel.') }), finding('missing-exit', { id: 'f2' })]),
    report('http://127.0.0.1:40001/r0/gone.html', []),
  ]);
  const now = audit([
    report('http://127.0.0.1:51234/r0/a.html', [finding('missing-exit', { id: 'other-id' }), finding('restricted-window', { id: 'f9', ...sentence('Not this cycle.') })]),
    report('http://127.0.0.1:51234/r0/new.html', []),
  ]);

  it('matches local pages across runs although the loopback port changed', () => {
    expect(pageKey('http://127.0.0.1:40001/r0/a.html')).toBe(pageKey('http://127.0.0.1:51234/r0/a.html'));
    expect(pageKey('https://a.example/x')).not.toBe(pageKey('https://b.example/x'));
  });

  it('marks one fixed and one new finding, a new page, and an earlier page not audited', () => {
    const c = compareAudits(now, before);
    const a = c.pages.get(pageKey(now.pages[0].url))!;
    expect(a.page).toBe('same');
    expect(a.added.map((f) => f.rule)).toEqual(['restricted-window']);
    expect(a.fixed.map((f) => f.rule)).toEqual(['forced-contact']);
    expect(c.pages.get(pageKey(now.pages[1].url))!.page).toBe('new-page');
    expect(c.missing.map((m) => m.url)).toEqual([before.pages[1].url]);
    const csv = parseCsv(surveyCsv(buildSurvey(now, null, before)));
    const col = (name: string) => csv[0].indexOf(name);
    expect(csv[1][col('new_findings')]).toBe('1');
    expect(csv[1][col('fixed_findings')]).toBe('1');
    expect(csv[1][col('changes')]).toMatch(/^NEW restricted-window .*\nFIXED forced-contact/);
    expect(csv[2][col('page_change')]).toBe('new page');
  });

  it('does not count a ticking countdown or a moved date as a change', () => {
    const at = (t: string) => audit([report('https://a.example/vip', [finding('upgrade-pressure', sentence(`Offer ends in ${t}`))])]);
    const change = compareAudits(at('05:23:10'), at('05:23:07')).pages.get(pageKey('https://a.example/vip'))!;
    expect([change.added, change.fixed]).toEqual([[], []]);
  });

  it('treats a finding whose quoted sentence changed as one fixed and one new', () => {
    const edited = audit([report(now.pages[0].url, [finding('forced-contact', sentence('Email us to cancel.'))])]);
    const old = audit([report(before.pages[0].url, [finding('forced-contact', sentence('Call us to cancel.'))])]);
    const change = compareAudits(edited, old).pages.get(pageKey(edited.pages[0].url))!;
    expect([change.added.length, change.fixed.length]).toEqual([1, 1]);
  });
});

describe('survey table', () => {
  it('gives the salience ratio of the loudest stay-side to the loudest exit-side control', () => {
    const p = report('https://a.example/', [], {
      controls: [
        { id: 'u', role: 'upgrade', text: 'Upgrade', selector: '#u', salience: 90, visible: true, factors: {} },
        { id: 'r', role: 'retain', text: 'Keep', selector: '#r', salience: 60, visible: true, factors: {} },
        { id: 'd', role: 'downgrade', text: 'Downgrade', selector: '#d', salience: 20, visible: true, factors: {} },
        { id: 'c', role: 'cancel', text: 'Cancel', selector: '#c', salience: 30, visible: true, factors: {} },
      ],
    });
    const r = salienceRatio(p);
    expect([r.stay?.text, r.exit?.text, r.ratio]).toEqual(['Upgrade', 'Cancel', 3]);
    expect(salienceRatio(report('https://b.example/', [])).ratio).toBeNull();
  });

  it('lists failed and stopped targets in list order beside the audited ones', () => {
    const p = report('https://a.example/', []);
    const meta: SurveyMeta = {
      surveyVersion: 1,
      startedAt: '2026-12-01T10:00:00.000Z',
      elapsedMs: 1,
      concurrency: 2,
      shard: null,
      interrupted: true,
      compare: null,
      targets: [
        { n: 1, target: 'https://down.example/', url: 'https://down.example/', folder: null, status: 'failed', reason: 'net::ERR_NAME_NOT_RESOLVED' },
        { n: 2, target: 'https://a.example/', url: 'https://a.example/', folder: '002-a.example', status: 'ok' },
        { n: 3, target: 'https://later.example/', url: 'https://later.example/', folder: null, status: 'not-run' },
      ],
    };
    const s = buildSurvey(audit([p]), meta);
    expect(s.rows.map((r) => [r.n, r.verdict])).toEqual([
      [1, 'failed'],
      [2, 'no-findings'],
      [3, 'not-run'],
    ]);
  });

  it('matches a redirected target to the page it ended on, and counts a page two targets ended on once', () => {
    const account = report('https://shop.example/account', [finding('missing-exit')]);
    const meta: SurveyMeta = {
      surveyVersion: 1,
      startedAt: '2026-12-01T10:00:00.000Z',
      elapsedMs: 1,
      concurrency: 2,
      shard: null,
      interrupted: false,
      compare: null,
      targets: [
        { n: 1, target: 'http://shop.example/account', url: 'http://shop.example/account', page: account.url, folder: '001-a', status: 'ok' },
        { n: 2, target: 'https://shop.example/my', url: 'https://shop.example/my', page: account.url, folder: '002-b', status: 'ok' },
      ],
    };
    const s = buildSurvey(audit([account, account]), meta);
    expect(s.rows.map((r) => [r.n, r.verdict, r.violations, r.reason])).toEqual([
      [1, 'violations', 1, ''],
      [2, 'violations', 1, 'ended on the same page as #1'],
    ]);
    const missing = (html: string) => /missing-exit<\/text>.*?(\d+) page/.exec(html)?.[1];
    expect(missing(surveyHtml(s))).toBe('1');
  });

  it('index.html escapes every page string and links the evidence files of a page folder', () => {
    const evil = '<img src=x onerror="alert(1)"></title><script>alert(2)</script>';
    const p = report('https://a.example/"><script>alert(3)</script>', [finding('confirmshaming', { message: evil })], { title: evil });
    p.controls[0].text = evil;
    const meta: SurveyMeta = {
      surveyVersion: 1,
      startedAt: '2026-12-01T10:00:00.000Z',
      elapsedMs: 1,
      concurrency: 1,
      shard: null,
      interrupted: false,
      compare: null,
      targets: [{ n: 1, target: evil, url: p.url, folder: '001-a', status: 'ok' }],
    };
    const html = surveyHtml(buildSurvey(audit([p]), meta), () => ['report.html', 'evidence.zip', 'report.json']);
    expect(html).not.toMatch(/<script|<img|onerror="/i);
    expect(html).toContain(esc(evil));
    expect(html).toContain('href="001-a/report.html"');
    expect(html).toContain('href="001-a/evidence.zip"');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
  });
});

describe('audit:merge', () => {
  const meta = (shard: string, targets: SurveyMeta['targets']): SurveyMeta => ({
    surveyVersion: 1,
    startedAt: `2026-12-01T10:0${shard[0]}:00.000Z`,
    elapsedMs: 1000 * Number(shard[0]),
    concurrency: 2,
    shard,
    interrupted: false,
    compare: null,
    targets,
  });
  const a = report('http://127.0.0.1:40001/r0/a.html', [finding('missing-exit')]);
  const b = report('http://127.0.0.1:40002/r0/b.html', []);
  const c = report('http://127.0.0.1:40003/r0/c.html', []);

  it('joins shards in list order and warns about a missing shard', () => {
    const m = mergeAudits([
      { source: 's2', output: audit([b]), meta: meta('2/3', [{ n: 2, target: 'p/b.html', url: b.url, folder: '002-b', status: 'ok' }]) },
      { source: 's1', output: audit([a]), meta: meta('1/3', [{ n: 1, target: 'p/a.html', url: a.url, folder: '001-a', status: 'ok' }]) },
    ]);
    expect(m.output.pages.map((p) => p.url)).toEqual([b.url, a.url]);
    expect(m.meta!.targets.map((t) => t.n)).toEqual([1, 2]);
    expect(m.meta!.elapsedMs).toBe(2000);
    expect(m.meta!.mergedFrom).toEqual(['s2', 's1']);
    expect(m.warnings.join('\n')).toMatch(/shard 3\/3 not among the inputs/);
    expect(m.copies).toEqual([
      { part: 0, from: '002-b', to: '002-b' },
      { part: 1, from: '001-a', to: '001-a' },
    ]);
  });

  it('keeps a page audited twice once, renumbers separate lists and renames clashing folders', () => {
    const m = mergeAudits([
      {
        source: 'x',
        output: audit([a, b]),
        meta: meta('1/1', [
          { n: 1, target: 'p/a.html', url: a.url, folder: '001-a', status: 'ok' },
          { n: 2, target: 'p/b.html', url: b.url, folder: '002-b', status: 'ok' },
        ]),
      },
      {
        source: 'y',
        output: audit([a, c]),
        meta: meta('1/1', [
          { n: 1, target: 'p/a.html', url: a.url, folder: '001-a', status: 'ok' },
          { n: 2, target: 'q/c.html', url: c.url, folder: '002-c', status: 'ok' },
        ]),
      },
    ]);
    expect(m.output.pages).toHaveLength(3);
    expect(m.warnings.join('\n')).toMatch(/a\.html is in x and y; kept the first/);
    expect(m.meta!.targets.map((t) => [t.n, t.target, t.folder])).toEqual([
      [1, 'p/a.html', '001-a'],
      [2, 'p/b.html', '002-b'],
      [3, 'q/c.html', '002-c'],
    ]);
    const clash = mergeAudits([
      { source: 'x', output: audit([a]), meta: meta('1/1', [{ n: 1, target: 'p/a.html', url: a.url, folder: '001-page', status: 'ok' }]) },
      { source: 'y', output: audit([c]), meta: meta('1/1', [{ n: 1, target: 'q/c.html', url: c.url, folder: '001-page', status: 'ok' }]) },
    ]);
    expect(clash.copies.map((x) => x.to)).toEqual(['001-page', '001-page-2']);
  });
});

describe('flows in the survey', () => {
  const path = (clicks: number, completed = true) => ({ completed, clicks, pages: clicks, interstitials: 0, steps: [] });
  const flow = (name: string): NonNullable<AuditOutput['flows']>[number] => ({
    name,
    paths: { join: path(1), exit: path(6, false) },
    findings: [finding('flow-asymmetry', { message: '<b>6</b> clicks to leave, 1 to join' })],
  });

  it('index.html shows each flow’s way in and way out, escaped', () => {
    const html = surveyHtml(buildSurvey({ ...audit([]), flows: [flow('<i>VIP</i> video')] }, null));
    expect(html).toContain('&lt;i&gt;VIP&lt;/i&gt; video');
    expect(html).toContain('&lt;b&gt;6&lt;/b&gt; clicks to leave');
    expect(html).toMatch(/<b>not completed<\/b> · 6 clicks/);
    expect(surveyHtml(buildSurvey(audit([]), null))).not.toContain('recorded flows');
  });

  it('a merge keeps a flow recorded by two inputs once', () => {
    const m = mergeAudits([
      { source: 'x', output: { ...audit([]), flows: [flow('a'), flow('b')] }, meta: null },
      { source: 'y', output: { ...audit([]), flows: [flow('b'), flow('c')] }, meta: null },
    ]);
    expect(m.output.flows!.map((f) => f.name)).toEqual(['a', 'b', 'c']);
    expect(m.warnings).toEqual(['flow "b" is in x and y; kept the first']);
  });
});

describe('progress line and worker pool', () => {
  it('stays quiet when stderr is not a terminal, but still prints log lines', () => {
    const written: string[] = [];
    const p = new Progress(3, { isTTY: false, write: (s: string) => written.push(s) });
    p.start('a.html');
    p.finish('a.html', true);
    p.log('fair-exit: cannot load b.html: HTTP 404');
    p.stop();
    expect(written).toEqual(['fair-exit: cannot load b.html: HTTP 404\n']);
  });

  it('on a terminal shows done/total, elapsed, failures and the current targets', () => {
    const written: string[] = [];
    const p = new Progress(3, { isTTY: true, columns: 120, write: (s: string) => written.push(s) });
    p.start('pages/a.html');
    p.start('pages/b.html');
    p.finish('pages/a.html', false);
    expect(p.line()).toMatch(/^\[1\/3\] 0:0\d · 1 failed · b\.html$/);
    p.stop();
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('takes 80 columns when the terminal reports none', () => {
    const written: string[] = [];
    const p = new Progress(2, { isTTY: true, columns: 0, write: (s: string) => written.push(s) });
    p.start('pages/a-rather-long-page-name.html');
    p.stop();
    expect(written.some((w) => w.endsWith('a-rather-long-page-name.html'))).toBe(true);
  });

  it('runs at most N at a time, each item once, and starts nothing after a stop', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (i) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      seen.push(i);
      running--;
    });
    expect(most).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    let stop = false;
    const done: number[] = [];
    await runPool(
      [1, 2, 3, 4],
      1,
      async (i) => {
        done.push(i);
        if (i === 2) stop = true;
      },
      () => stop,
    );
    expect(done).toEqual([1, 2]);
  });
});
