import { describe, expect, it } from 'vitest';
import { reportJson, sendReport } from '../../src/content/report-send';
import type { Control } from '../../src/report/schema';
import { finding, report } from './storage-fixtures';

function control(i: number): Control {
  const c = report('https://a.example/plan', []).controls[0];
  return { ...c, id: `c${i}`, text: `Cancel "plan" ${i} \\u2028 </script>`, selector: `#c${i}` };
}

describe('a large report sent without blocking the page', () => {
  it('is made into exactly the JSON of JSON.stringify, in parts, in batches with a pause between them', async () => {
    const sent = {
      ...report('https://a.example/plan', [finding('hidden-exit')]),
      title: 'Plans "controls":[] and more',
      controls: Array.from({ length: 650 }, (_, i) => control(i)),
    };
    let pauses = 0;
    const whole = JSON.stringify(sent);
    const parts = (await reportJson(sent, async () => void pauses++, 1000)).parts();
    expect(parts.join('')).toBe(whole);
    expect(parts.slice(0, -1).every((p) => p.length === 1000)).toBe(true);
    expect(parts.length).toBe(Math.ceil(whole.length / 1000));
    expect(pauses).toBe(3);
    // Parts as large as the JSON: one part, the JSON itself.
    expect((await reportJson(sent, async () => void pauses++, whole.length)).parts()).toEqual([whole]);
    const small = { ...sent, controls: sent.controls.slice(0, 5) };
    expect((await reportJson(small, async () => void pauses++)).parts()).toEqual([JSON.stringify(small)]);
    expect(pauses).toBe(6);
  });
});

describe('a report the same as the last one sent', () => {
  const base = { ...report('https://a.example/plan', [finding('hidden-exit')]), controls: Array.from({ length: 450 }, (_, i) => control(i)) };
  const json = (r: typeof base) => reportJson(r, async () => {}, 5000);

  it('is told apart by anything but when it was made and how long the scan took', async () => {
    const first = await json(base);
    expect((await json({ ...base, scannedAt: '2026-12-05T09:00:00.000Z', scanMs: 99 })).key.same(first.key)).toBe(true);
    expect((await json({ ...base, title: 'Other' })).key.same(first.key)).toBe(false);
    const moved = base.controls.map((c, i) => (i === 420 ? { ...c, text: `${c.text}!` } : c));
    expect((await json({ ...base, controls: moved })).key.same(first.key)).toBe(false);
    expect((await json({ ...base, controls: base.controls.slice(0, 449) })).key.same(first.key)).toBe(false);
    expect(first.key.same(null)).toBe(false);
  });

  it('is sent as a scan-same message, and whole when the background asks for it', async () => {
    const sent: { type: string; seq: number; since?: number }[] = [];
    let reply: unknown = { ok: true, data: { savedId: null, badge: '' } };
    const send = async (msg: unknown) => {
      sent.push(msg as { type: string; seq: number });
      return (msg as { type: string }).type === 'scan-same' ? reply : { ok: true, data: {} };
    };
    const scan = (seq: number) => ({ seq, url: base.url, scannedAt: base.scannedAt, scanMs: 3, survey: null });
    const tick = () => new Promise((r) => setTimeout(r, 0));
    let last = await sendReport(await json(base), scan(1), null, send, async () => {});
    // The same report: not even cut into parts.
    const again = await json({ ...base, scanMs: 7 });
    let cuts = 0;
    last = await sendReport({ key: again.key, parts: () => (cuts++, again.parts()) }, scan(2), last, send, async () => {});
    await tick();
    expect(sent.map((m) => [m.type, m.seq, m.since])).toEqual([...Array.from({ length: sent.length - 1 }, () => ['scan-report-part', 1, undefined]), ['scan-same', 2, 1]]);
    expect(cuts).toBe(0);
    // The background no longer holds scan 2: the report follows, in parts.
    sent.length = 0;
    reply = { ok: true, data: { resend: true } };
    last = await sendReport(await json(base), scan(3), last, send, async () => {});
    await tick();
    expect(sent[0]).toMatchObject({ type: 'scan-same', seq: 3, since: 2 });
    expect(sent.slice(1).every((m) => m.type === 'scan-report-part' && m.seq === 3)).toBe(true);
    expect(sent.length).toBeGreaterThan(2);
    // A report that differs is sent whole at once.
    sent.length = 0;
    await sendReport(await json({ ...base, title: 'Other' }), scan(4), last, send, async () => {});
    expect(sent.every((m) => m.type === 'scan-report-part' && m.seq === 4)).toBe(true);
  });
});
