import { describe, expect, it } from 'vitest';
import { partsOf, reportJson } from '../../src/content/report-send';
import type { Control } from '../../src/report/schema';
import { finding, report } from './storage-fixtures';

function control(i: number): Control {
  const c = report('https://a.example/plan', []).controls[0];
  return { ...c, id: `c${i}`, text: `Cancel "plan" ${i} \\u2028 </script>`, selector: `#c${i}` };
}

describe('a large report sent without blocking the page', () => {
  it('is made into exactly the JSON of JSON.stringify, in batches with a pause between them', async () => {
    const sent = {
      ...report('https://a.example/plan', [finding('hidden-exit')]),
      title: 'Plans "controls":[] and more',
      controls: Array.from({ length: 650 }, (_, i) => control(i)),
    };
    let pauses = 0;
    const json = await reportJson(sent, async () => void pauses++);
    expect(json).toBe(JSON.stringify(sent));
    expect(pauses).toBe(3);
    const small = { ...sent, controls: sent.controls.slice(0, 5) };
    expect(await reportJson(small, async () => void pauses++)).toBe(JSON.stringify(small));
    expect(pauses).toBe(3);
  });

  it('is cut into parts that join to the whole', () => {
    const json = 'x'.repeat(1000);
    expect(partsOf(json, 300).map((p) => p.length)).toEqual([300, 300, 300, 100]);
    expect(partsOf(json, 300).join('')).toBe(json);
    expect(partsOf('')).toEqual(['']);
  });
});
