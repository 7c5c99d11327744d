/**
 * `npm run audit -- --flow FILE`: the fixture sites in tests/fixtures-flows replayed in real Chromium
 * with the extension loaded; the counts and the finding come from the extension's recorder.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, describe, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/audit/browser';
import type { AuditOutput, FlowReport, PathRecord } from '../../src/report/schema';
import { cli } from './audit-cli';
import { checkManifest, unzipWithSystemTool } from './evidence-helpers';

const SITES = join(PROJECT_ROOT, 'tests/fixtures-flows');
const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'schema/report.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const tmp = mkdtempSync(join(tmpdir(), 'fair-exit-flows-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const audit = (...args: string[]) => cli('cli.ts', args);
const flowArgs = (...sites: string[]) => sites.flatMap((s) => ['--flow', join(SITES, s, 'flow.json')]);
const counts = (p: PathRecord) => ({ completed: p.completed, clicks: p.clicks, pages: p.pages, interstitials: p.interstitials });

// The three tests run at the same time (each run is its own process and browser; most of a flow is
// waiting for pages to settle). A test's time includes its wait for a turn (at most two audits at a
// time, audit-cli.ts).
describe('audit --flow', { timeout: 240_000 }, () => {
  it.concurrent('reports flow-asymmetry where leaving is clearly harder and nothing where both ways take the same steps', { timeout: 240_000 }, async ({ expect }) => {
    const out = join(tmp, 'out');
    const r = await audit('--json', '--out', out, ...flowArgs('zh-video-vip', 'en-streaming', 'zh-hotline', 'en-hotline', 'zh-fair', 'en-fair'));
    expect(r.status, r.stderr).toBe(0);
    const output = JSON.parse(r.stdout) as AuditOutput;
    expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
    expect(output.pages).toEqual([]);
    const byName = new Map((output.flows ?? []).map((f) => [f.name, f] as const));
    expect([...byName.keys()]).toEqual(['星影视频 黄金会员', 'Flixbox Standard', '星联移动 视频流量包', 'IronPeak Gym Basic', '简云盘 标准版', 'Leafnote Plus']);
    const get = (name: string) => byName.get(name)! as FlowReport;

    // zh: one click to upgrade; six clicks, five pages, a retention page and a survey to leave.
    const zh = get('星影视频 黄金会员');
    expect(counts(zh.paths.join)).toEqual({ completed: true, clicks: 1, pages: 1, interstitials: 0 });
    expect(counts(zh.paths.exit)).toEqual({ completed: true, clicks: 6, pages: 5, interstitials: 2 });
    expect(zh.paths.exit.steps.filter((s) => s.interstitial).map((s) => s.url.replace(/^.*\//, ''))).toEqual(['retention.html', 'survey.html']);
    expect(zh.paths.exit.steps.find((s) => s.text === '残忍离开')).toMatchObject({ action: 'click', role: 'cancel', selector: '#leave' });
    expect(zh.findings).toHaveLength(1);
    expect(zh.findings[0]).toMatchObject({
      rule: 'flow-asymmetry',
      severity: 'high',
      verdict: 'violation',
      evidence: { extraClicks: 5, extraInterstitials: 2, reasons: ['clicks', 'interstitials'] },
    });
    expect(zh.findings[0].message).toMatch(/^离开需要点击 6 次、经过 5 个页面和 2 个挽留页面/);

    // en: the retention step is a dialog on the same page (a step, not a page).
    const en = get('Flixbox Standard');
    expect(counts(en.paths.exit)).toEqual({ completed: true, clicks: 5, pages: 3, interstitials: 2 });
    expect(en.paths.exit.steps.find((s) => s.action === 'dialog')).toMatchObject({ interstitial: true, text: 'Keep my membership' });
    expect(en.findings[0].message).toMatch(/^Leaving took 5 click\(s\), 3 page\(s\) and 2 retention screen\(s\)/);

    // A way out that ends at "call us": not completed (no such control), or ended on forced contact.
    const hotlineZh = get('星联移动 视频流量包');
    expect(counts(hotlineZh.paths.exit)).toEqual({ completed: false, clicks: 1, pages: 1, interstitials: 0 });
    expect(hotlineZh.findings[0]).toMatchObject({ evidence: { blocked: true, reasons: ['not-completed'] } });
    expect(r.stderr).toMatch(/exit step 2 \(click #confirm-unsubscribe\) could not be performed/);
    const hotlineEn = get('IronPeak Gym Basic');
    expect(counts(hotlineEn.paths.exit)).toEqual({ completed: true, clicks: 1, pages: 1, interstitials: 0 });
    expect(hotlineEn.paths.exit.endSignals).toContain('forced-contact');
    expect(hotlineEn.findings[0]).toMatchObject({ evidence: { blocked: true, reasons: ['ended-on-contact'] } });
    expect(hotlineEn.findings[0].message).toMatch(/could not be finished by yourself.*cancel\.html \(a page that asks you to call or write\)/);

    // Fair: two clicks each way, no finding.
    for (const name of ['简云盘 标准版', 'Leafnote Plus']) {
      const fair = get(name);
      expect(counts(fair.paths.join), name).toEqual({ completed: true, clicks: 2, pages: 2, interstitials: 0 });
      expect(counts(fair.paths.exit), name).toEqual({ completed: true, clicks: 2, pages: 2, interstitials: 0 });
      expect(fair.findings, name).toEqual([]);
    }

    // --out keeps each flow's report and its evidence bundle (steps and the screen after each), and
    // audit.json has the flows too.
    const folder = join(out, 'flows', '001-星影视频_黄金会员');
    expect(JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8'))).toEqual(zh);
    const zip = readdirSync(folder).find((n) => n.endsWith('.zip'))!;
    expect(zip).toMatch(/^fair-exit-flow_127\.0\.0\.1_\d{4}-\d\d-\d\d\.zip$/);
    const unpacked = unzipWithSystemTool(join(folder, zip));
    const manifest = checkManifest(unpacked);
    const shots = manifest.files.map((f) => f.name).filter((n) => n.startsWith('steps/'));
    // The start screen and every new page of the way out, each captured before the next step.
    const pagesOut = zh.paths.exit.steps.flatMap((s, i) => (s.action === 'start' || s.action === 'navigate' ? [`steps/exit-${String(i).padStart(2, '0')}.png`] : []));
    expect(pagesOut).toHaveLength(6);
    for (const name of pagesOut) expect(shots, name).toContain(name);
    expect(shots).toContain('steps/join-00.png');
    const stepsTxt = readFileSync(join(unpacked, 'steps.txt'), 'utf8');
    expect(stepsTxt).toMatch(/ 4\. navigate \S+\/retention\.html \(挽留页面: [^)]*\) 截图: steps\/exit-04\.png/);
    expect(stepsTxt).toContain('5. click “残忍离开” [cancel]');
    expect(JSON.parse(readFileSync(join(unpacked, 'flow.json'), 'utf8')).paths.exit.clicks).toBe(6);
    expect(existsSync(join(out, 'flows', '006-Leafnote_Plus', 'report.json'))).toBe(true);
    const saved = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as AuditOutput;
    expect(saved.flows).toHaveLength(6);
  });

  it.concurrent('--fail-on counts flow findings; a fair flow passes', { timeout: 240_000 }, async ({ expect }) => {
    const [hotline, fair] = await Promise.all([audit('--fail-on', 'high', ...flowArgs('en-hotline')), audit('--fail-on', 'high', ...flowArgs('en-fair'))]);
    expect(hotline.status).toBe(1);
    expect(fair.status).toBe(0);
    expect(fair.stdout).toMatch(/flow: Leafnote Plus\n {2}join {2}completed · 2 click\(s\) · 2 page\(s\) · 0 interstitial\(s\)/);
    expect(fair.stdout).toMatch(/no findings/);
  });

  it.concurrent('an invalid flow file exits 2 with a one-line reason, before anything runs', async ({ expect }) => {
    const file = (name: string, text: string) => {
      const p = join(SITES, 'en-fair', name);
      writeFileSync(p, text);
      return p;
    };
    const cases: [string, RegExp][] = [
      [file('.bad-json.tmp.json', '{ "name": '), /bad-json\.tmp\.json: not JSON/],
      [file('.no-exit.tmp.json', JSON.stringify({ name: 'x', start: 'account.html', join: [] })), /no-exit\.tmp\.json: exit: /],
      [
        file('.bad-step.tmp.json', JSON.stringify({ name: 'x', start: 'account.html', join: [{ tap: '#x' }], exit: [] })),
        /join\.0: a step is \{click\}, \{check\}, \{fill, value\} or \{goto\}/,
      ],
      [file('.no-start.tmp.json', JSON.stringify({ name: 'x', start: 'missing.html', join: [], exit: [] })), /missing\.html: no such file/],
      [join(SITES, 'nowhere.json'), /nowhere\.json: no such file/],
    ];
    try {
      const runs = await Promise.all(cases.map(([path]) => audit('--json', '--flow', path)));
      for (const [i, [path, reason]] of cases.entries()) {
        const r = runs[i];
        expect(r.status, path).toBe(2);
        expect(r.stdout).toBe('');
        const lines = r.stderr.split('\n').filter((l) => l.startsWith('fair-exit:'));
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(reason);
      }
    } finally {
      for (const [path] of cases) rmSync(path, { force: true });
    }
  });
});
