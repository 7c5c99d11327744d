import { describe, expect, it } from 'vitest';
import { partsOf, reportParts } from '../../src/content/report-send';
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
    const parts = await reportParts(sent, async () => void pauses++, 1000);
    expect(parts.join('')).toBe(whole);
    expect(parts.slice(0, -1).every((p) => p.length === 1000)).toBe(true);
    expect(parts.length).toBe(Math.ceil(whole.length / 1000));
    expect(pauses).toBe(3);
    // Parts as large as the JSON: one part, the JSON itself.
    expect(await reportParts(sent, async () => void pauses++, whole.length)).toEqual([whole]);
    const small = { ...sent, controls: sent.controls.slice(0, 5) };
    expect(await reportParts(small, async () => void pauses++)).toEqual([JSON.stringify(small)]);
    expect(pauses).toBe(6);
  });

  it('is cut into parts that join to the whole', () => {
    const json = 'x'.repeat(1000);
    expect(partsOf(json, 300).map((p) => p.length)).toEqual([300, 300, 300, 100]);
    expect(partsOf(json, 300).join('')).toBe(json);
    expect(partsOf('')).toEqual(['']);
  });
});
