/**
 * The audit's collector (src/audit/collect.ts) takes a page's report only once the page has stopped
 * changing and the extension has scanned what it shows, changes inside open shadow roots and frames
 * that load late included.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('collecting a report', () => {
  it('waits for a retention sheet drawn into a shadow root after seconds of changes there only', async () => {
    const r = await h.report(join(PAGES, 'collect-shadow-late.html'));
    const rules = r.findings.filter((f) => f.verdict === 'violation').map((f) => f.rule);
    expect(rules).toContain('confirmshaming');
    expect(r.controls.map((c) => c.text)).toContain('我不在乎省钱,执意退订');
  });

  it('sees a retention dialog drawn into a shadow root attached after the first scan', async () => {
    const r = await h.report(join(PAGES, 'shadow-attached-late.html'));
    const rules = r.findings.filter((f) => f.verdict === 'violation').map((f) => f.rule);
    expect(rules).toContain('confirmshaming');
    expect(rules).toContain('loss-framing');
    expect(r.controls.map((c) => c.text)).toContain('狠心关闭,文件丢了也无所谓');
  });

  it('sees the controls of a same-origin frame that loads after the first scan', async () => {
    const r = await h.report(join(PAGES, 'frame-late.html'));
    const quit = r.controls.find((c) => c.text === '取消自动续费');
    expect(quit?.role).toBe('cancel');
    expect(quit?.selector).toBe('#frame >>> #quit');
  });

  it('sees a way out drawn into a same-origin frame after the first scan', async () => {
    const r = await h.report(join(PAGES, 'frame-changing.html'));
    const quit = r.controls.find((c) => c.text === '取消自动续费');
    expect(quit?.role).toBe('cancel');
  });
});
