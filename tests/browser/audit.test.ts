import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/audit/browser';
import { cli } from './audit-cli';
import { PAGES } from './harness';

const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'schema/report.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const audit = (...args: string[]) => cli('cli.ts', args, undefined, PROJECT_ROOT, 120_000);

// The runs of different tests overlap (each its own process and browser; at most two at a time, see
// audit-cli.ts): a test's time includes its wait for a turn.
describe('npm run audit', { timeout: 240_000 }, () => {
  it.concurrent('--json prints one schema-valid AuditOutput on stdout and nothing else', async ({ expect }) => {
    const r = await audit('--json', join(PAGES, 'measure-vivid-vs-grey.html'));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out.schemaVersion).toBe(1);
    expect(out.pages).toHaveLength(1);
    expect(out.pages[0].subscriptionPage).toBe(true);
    expect(out.pages[0].findings.map((f: { rule: string }) => f.rule)).toContain('asymmetric-prominence');
  });

  it.concurrent('audits every page of a folder and prints a readable table without --json', async ({ expect }) => {
    const r = await audit(join(PAGES, 'folder'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/a\.html/);
    expect(r.stdout).toMatch(/b\.html/);
    expect(r.stdout).toMatch(/asymmetric-prominence/);
    expect(r.stdout).toMatch(/2 page\(s\) audited/);
  });

  it.concurrent('--fail-on exits 1 when a violation of that severity or worse is found, 0 otherwise', async ({ expect }) => {
    const [high, low] = await Promise.all([audit('--fail-on', 'high', join(PAGES, 'measure-vivid-vs-grey.html')), audit('--fail-on', 'low', join(PAGES, 'folder', 'a.html'))]);
    expect(high.status).toBe(1);
    expect(low.status).toBe(0);
  });

  it.concurrent('exits 2 on bad arguments', async ({ expect }) => {
    const [extreme, none, bogus] = await Promise.all([audit('--fail-on', 'extreme', 'x.html'), audit(), audit('--bogus', 'x.html')]);
    expect(extreme.status).toBe(2);
    expect(none.status).toBe(2);
    expect(bogus.stderr).toMatch(/unknown option --bogus/);
  });

  // Run from source under tsx, as users run it: the collector's watch of the page's changes once threw in
  // every page (tsx's name-keeping helper, which the page lacks), and the audit took the page as it was a
  // second after load, its loading state.
  it.concurrent('waits for an app that draws its account view after load, and reports the view', async ({ expect }) => {
    const r = await audit('--json', join(PAGES, 'ended-then-exit.html'));
    expect(r.status).toBe(0);
    const page = JSON.parse(r.stdout).pages[0];
    expect(page.controls.map((c: { text: string }) => c.text)).toContain('cancel subscription');
    expect(page.findings.filter((f: { verdict: string }) => f.verdict === 'violation').map((f: { rule: string }) => f.rule)).toEqual(
      expect.arrayContaining(['hidden-exit', 'asymmetric-prominence']),
    );
  });

  // Alone, after the others: its --timeout 5 is meant for the page that cannot load, not for a.html on a busy machine.
  it('exits 2 with a one-line reason for a target that cannot be loaded, and still reports the others', async () => {
    const r = await audit('--json', '--timeout', '5', 'http://127.0.0.1:59998/nothing-here', join(PAGES, 'folder', 'a.html'), 'missing.html');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot load http:\/\/127\.0\.0\.1:59998\/nothing-here: net::ERR_/);
    expect(r.stderr).toMatch(/cannot load missing\.html: no such file or folder/);
    const out = JSON.parse(r.stdout);
    expect(out.pages).toHaveLength(1);
    expect(validate(out)).toBe(true);
  });
});
