/** asymmetric-prominence: the loudest stay-side control against the loudest exit-side one, per screen. */
import { chroma, fromHex } from '../../engine/color';
import type { MeasuredControl } from '../../engine/types';
import type { Check } from '../rule-schema';
import type { CheckInput, CheckResult } from '../check-types';
import { appliesTo, controlEvidence, isExitPath, isStay, quote } from './shared';

type ProminenceCheck = Extract<Check, { kind: 'prominence' }>;

export function prominence({ snapshot, check }: CheckInput<ProminenceCheck>): CheckResult[] {
  const screens = new Map<string, typeof snapshot.controls>();
  for (const c of snapshot.controls) {
    if (!appliesTo(snapshot, c) || c.salience <= 0) continue;
    const list = screens.get(c.screen);
    if (list) list.push(c);
    else screens.set(c.screen, [c]);
  }
  const results: CheckResult[] = [];
  for (const [screen, controls] of screens) {
    const loudest = (pick: typeof isStay) => controls.filter(pick).sort((a, b) => b.salience - a.salience)[0];
    const stay = loudest(isStay);
    // A covered exit is hidden-exit's finding; prominence compares exits the user can see with the stay control.
    const exit = stay && loudest((c) => isExitPath(c) && !c.measurement.state.covered && onScreenWith(stay, c, screen, snapshot.viewport.height, check));
    if (!stay || !exit || stay.salience < check.minStaySalience.value) continue;
    const ratio = stay.salience / exit.salience;
    const muted = mutedExit(exit, stay, check);
    // A muted exit is judged by its own measured look (bare, grey, smaller); a stay button over a
    // gradient is then taken at its estimated contrast, not at the gradient's faintest point.
    const worst = (muted ? stay.salience : stay.salienceRange[0]) / Math.max(0.1, exit.salienceRange[1]);
    const best = stay.salienceRange[1] / Math.max(0.1, exit.salienceRange[0]);
    const threshold = Math.min(
      check.minRatio.value,
      faintExit(exit, check) ? check.faintExitRatio!.value : Infinity,
      muted ? check.mutedExit!.ratio.value : Infinity,
    );
    if (best < threshold) continue;
    results.push({
      verdict: worst >= threshold ? 'violation' : 'needs-review',
      controls: [stay.id, exit.id],
      evidence: {
        screen,
        ratio: Math.round(ratio * 100) / 100,
        threshold,
        lowerThreshold: threshold !== check.minRatio.value ? (faintExit(exit, check) ? 'faint-exit' : 'muted-exit') : null,
        stay: controlEvidence(stay),
        exit: controlEvidence(exit),
        unmeasurable: worst < threshold ? 'contrast of one control could not be measured' : null,
      },
      vars: { stay: quote(stay.text, 40), exit: quote(exit.text, 40), ratio: ratio.toFixed(1) },
    });
  }
  return results;
}

/** Whether the exit is seen together with the stay control: always in a dialog; on the page, within the rule's distance. */
function onScreenWith(stay: MeasuredControl, exit: MeasuredControl, screen: string, viewportHeight: number, check: ProminenceCheck): boolean {
  if (screen !== 'page' || !check.sameScreenDistance) return true;
  const distance = Math.abs(exit.measurement.box.y - stay.measurement.box.y);
  return distance <= check.sameScreenDistance.value * viewportHeight;
}

/** The exit's text is measurably faint (a known contrast under the rule's limit). */
function faintExit(exit: MeasuredControl, check: ProminenceCheck): boolean {
  const contrast = exit.measurement.contrast;
  return !!check.faintExitRatio && !!check.faintExitContrast && contrast !== null && contrast < check.faintExitContrast.value;
}

/**
 * Bare grey text (no fill, no outline), in a smaller type than the stay control, dimmer than text can
 * be on its background: pushed back on purpose. Dimness is measured against the strongest contrast the
 * background allows (black or white text on it), so grey on a dark theme counts as grey on a light one.
 */
function mutedExit(exit: MeasuredControl, stay: MeasuredControl, check: ProminenceCheck): boolean {
  const m = exit.measurement;
  const muted = check.mutedExit;
  const colour = m.textColor ? fromHex(m.textColor) : null;
  if (!muted || !colour || m.contrastShare === null) return false;
  const bare = m.fillContrast <= 1.05 && !m.outlined;
  const dim = m.contrastShare < muted.maxContrastShare.value;
  return bare && dim && m.fontSize < stay.measurement.fontSize && chroma(colour) < muted.maxChroma.value;
}
