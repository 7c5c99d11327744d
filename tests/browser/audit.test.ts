import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/audit/browser';
import { PAGES } from './harness';

const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'schema/report.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

function audit(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/audit/cli.ts', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run audit', () => {
  it('--json prints one schema-valid AuditOutput on stdout and nothing else', () => {
    const r = audit('--json', join(PAGES, 'measure-vivid-vs-grey.html'));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out.schemaVersion).toBe(1);
    expect(out.pages).toHaveLength(1);
    expect(out.pages[0].subscriptionPage).toBe(true);
    expect(out.pages[0].findings.map((f: { rule: string }) => f.rule)).toContain('asymmetric-prominence');
  });

  it('audits every page of a folder and prints a readable table without --json', () => {
    const r = audit(join(PAGES, 'folder'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/a\.html/);
    expect(r.stdout).toMatch(/b\.html/);
    expect(r.stdout).toMatch(/asymmetric-prominence/);
    expect(r.stdout).toMatch(/2 page\(s\) audited/);
  });

  it('--fail-on exits 1 when a violation of that severity or worse is found, 0 otherwise', () => {
    expect(audit('--fail-on', 'high', join(PAGES, 'measure-vivid-vs-grey.html')).status).toBe(1);
    expect(audit('--fail-on', 'low', join(PAGES, 'folder', 'a.html')).status).toBe(0);
  });

  it('exits 2 with a one-line reason for a target that cannot be loaded, and still reports the others', () => {
    const r = audit('--json', '--timeout', '5', 'http://127.0.0.1:59998/nothing-here', join(PAGES, 'folder', 'a.html'), 'missing.html');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot load http:\/\/127\.0\.0\.1:59998\/nothing-here: net::ERR_/);
    expect(r.stderr).toMatch(/cannot load missing\.html: no such file or folder/);
    const out = JSON.parse(r.stdout);
    expect(out.pages).toHaveLength(1);
    expect(validate(out)).toBe(true);
  });

  it('exits 2 on bad arguments', () => {
    expect(audit('--fail-on', 'extreme', 'x.html').status).toBe(2);
    expect(audit().status).toBe(2);
    expect(audit('--bogus', 'x.html').stderr).toMatch(/unknown option --bogus/);
  });
});
