/**
 * One formula for how much a control draws the eye, 0-100 (docs/salience.md explains each term).
 * It reads only the control's own measurements, so the same control styled the same way scores the
 * same on any page of the same viewport.
 */
import type { Measurement } from './types';

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** Weights of the four visual terms; they add up to 1. */
export const SALIENCE_WEIGHTS = { size: 0.3, type: 0.2, contrast: 0.2, fill: 0.3 } as const;

/** 100 px² (a 10x10 icon) scores 0, 20,000 px² (a 250x80 hero button) and more score 1, on a log scale. */
export function sizeTerm(area: number): number {
  return area <= 0 ? 0 : clamp01(Math.log(area / 100) / Math.log(200));
}
/** 10 px text scores 0 and 24 px scores 1 for size; weight 300 to 700 adds up to 0.3. */
export function typeTerm(fontSize: number, fontWeight: number): number {
  return 0.7 * clamp01((fontSize - 10) / 14) + 0.3 * clamp01((fontWeight - 300) / 400);
}
/** Contrast 1:1 scores 0, 7:1 (WCAG AAA) and above score 1. */
export function contrastTerm(contrast: number): number {
  return clamp01((contrast - 1) / 6);
}
/**
 * A solid fill is the strongest cue: its contrast to the surroundings (3:1 saturates) blended with
 * how colourful it is. An outline without fill counts a third of a fill.
 */
export function fillTerm(m: Pick<Measurement, 'fillContrast' | 'fillChroma' | 'outlined'>): number {
  const solid = 0.6 * clamp01((m.fillContrast - 1) / 2) + 0.4 * clamp01(m.fillChroma / 0.6);
  const hasFill = m.fillContrast > 1.05 || m.fillChroma > 0.05;
  return hasFill ? Math.max(solid, m.outlined ? 0.35 : 0) : m.outlined ? 0.35 : 0;
}
/** Controls on the first screen keep full weight; each further screen down costs 20%, to at most 60%. */
export function positionFactor(belowFold: number, viewportHeight: number): number {
  return 1 - Math.min(0.6, (0.2 * belowFold) / Math.max(1, viewportHeight));
}
/** Hidden controls score 0; covered ones keep a fifth. */
export function visibilityFactor(m: Measurement): number {
  const s = m.state;
  if (s.notRendered || s.transparent || s.clipped || s.offScreen || s.collapsed) return 0;
  return s.covered ? 0.2 : 1;
}

/**
 * [score, lowest, highest]: an unmeasurable contrast is taken at its bounds over a gradient's colours
 * when known, else at 1:1 and 21:1, for the range.
 */
export function salience(m: Measurement, viewportHeight: number): { score: number; range: [number, number] } {
  const w = SALIENCE_WEIGHTS;
  const base = w.size * sizeTerm(m.area) + w.type * typeTerm(m.fontSize, m.fontWeight) + w.fill * fillTerm(m);
  const factor = positionFactor(m.belowFold, viewportHeight) * visibilityFactor(m);
  const at = (c: number) => Math.round(100 * factor * (base + w.contrast * contrastTerm(c)) * 10) / 10;
  if (m.contrast !== null) {
    const s = at(m.contrast);
    return { score: s, range: [s, s] };
  }
  const [low, high] = m.contrastBounds ?? [1, 21];
  return { score: at(Math.min(Math.max(4.5, low), high)), range: [at(low), at(high)] };
}
