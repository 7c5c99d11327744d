import { describe, expect, it } from 'vitest';
import { salience } from '../../src/engine/salience';
import type { Measurement } from '../../src/engine/types';

const base: Measurement = {
  box: { x: 0, y: 100, width: 200, height: 48 },
  area: 9600,
  fontSize: 16,
  fontWeight: 400,
  textColor: '#000000',
  background: '#ffffff',
  contrast: 4.5,
  contrastUnmeasurable: null,
  contrastBounds: null,
  contrastShare: null,
  fillContrast: 1,
  fillChroma: 0,
  outlined: false,
  belowFold: 0,
  state: { notRendered: false, transparent: false, clipped: false, offScreen: false, covered: false, coveredBy: null, collapsed: false, collapsedBy: null },
};
const m = (over: Partial<Measurement>): Measurement => ({ ...base, ...over });
const score = (x: Measurement) => salience(x, 800).score;

const vivid = m({ area: 220 * 52, fontSize: 18, fontWeight: 700, contrast: 3.1, fillContrast: 3, fillChroma: 0.9 });
const greyLink = m({ area: 26 * 16, fontSize: 12, fontWeight: 400, contrast: 2.3 });
const primary = m({ area: 140 * 40, fontSize: 15, fontWeight: 600, contrast: 5.6, fillContrast: 5.6, fillChroma: 0.5 });
const outlined = m({ area: 140 * 40, fontSize: 15, fontWeight: 600, contrast: 5.6, outlined: true });

describe('salience', () => {
  it('scores a vivid filled button more than twice a small grey link', () => {
    expect(score(vivid)).toBeGreaterThan(2 * score(greyLink));
  });
  it('keeps an ordinary primary/outlined pair well under the prominence threshold of 3', () => {
    expect(score(primary) / score(outlined)).toBeLessThan(2);
    expect(score(primary)).toBeGreaterThan(score(outlined));
  });
  it('orders by each factor alone', () => {
    expect(score(m({ area: 20000 }))).toBeGreaterThan(score(m({ area: 2000 })));
    expect(score(m({ fontSize: 20 }))).toBeGreaterThan(score(m({ fontSize: 12 })));
    expect(score(m({ fontWeight: 700 }))).toBeGreaterThan(score(m({ fontWeight: 400 })));
    expect(score(m({ contrast: 12 }))).toBeGreaterThan(score(m({ contrast: 2 })));
    expect(score(m({ fillContrast: 3, fillChroma: 0.8 }))).toBeGreaterThan(score(m({})));
    expect(score(m({ belowFold: 1600 }))).toBeLessThan(score(m({ belowFold: 0 })));
  });
  it('gives hidden controls 0 and covered ones a fraction', () => {
    expect(score(m({ state: { ...base.state, collapsed: true } }))).toBe(0);
    expect(score(m({ state: { ...base.state, notRendered: true } }))).toBe(0);
    expect(score(m({ state: { ...base.state, covered: true } }))).toBeLessThan(score(base) / 3);
  });
  it('is the same for the same measurements (comparable across pages)', () => {
    expect(score(m({ ...vivid }))).toBe(score(vivid));
  });
  it('gives a range, not a guess, when contrast is unmeasurable', () => {
    const r = salience(m({ contrast: null, contrastUnmeasurable: 'gradient' }), 800);
    expect(r.range[0]).toBeLessThan(r.score);
    expect(r.range[1]).toBeGreaterThan(r.score);
  });
  it('narrows the range to the contrast bounds over a gradient when they are known', () => {
    const open = salience(m({ contrast: null, contrastUnmeasurable: 'gradient' }), 800);
    const bounded = salience(m({ contrast: null, contrastUnmeasurable: 'gradient', contrastBounds: [2.4, 3.3] }), 800);
    expect(bounded.range[0]).toBeGreaterThan(open.range[0]);
    expect(bounded.range[1]).toBeLessThan(open.range[1]);
    expect(bounded.score).toBeGreaterThanOrEqual(bounded.range[0]);
    expect(bounded.score).toBeLessThanOrEqual(bounded.range[1]);
  });
});
