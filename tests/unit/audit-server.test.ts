// @vitest-environment node
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalServer } from '../../src/audit/server';
import { expandTargets } from '../../src/audit/targets';

describe('loopback server for local targets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fe-server-'));
  const server = new LocalServer();
  beforeAll(async () => {
    mkdirSync(join(dir, 'site', 'account'), { recursive: true });
    writeFileSync(join(dir, 'site', 'shared.css'), 'body { color: red }');
    writeFileSync(join(dir, 'site', 'account', 'plan.html'), '<link rel="stylesheet" href="../shared.css"><p>plan');
    writeFileSync(join(dir, 'secret.txt'), 'not served');
    await server.start();
  });
  afterAll(() => server.stop());

  it('serves a folder target whole, so a page in a subfolder reaches the folder’s shared files', async () => {
    const [t] = expandTargets([join(dir, 'site')]);
    const url = server.urlFor(t.path!, t.root);
    expect(url).toMatch(/\/r\d+\/account\/plan\.html$/);
    expect(await (await fetch(url)).text()).toContain('plan');
    const css = await fetch(new URL('../shared.css', url));
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    // Nothing outside the served folder.
    const escape = await fetch(url.replace(/account\/plan\.html$/, '..%2Fsecret.txt'));
    expect(escape.status).toBe(404);
  });
});
