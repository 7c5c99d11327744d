import type { MeasuredControl, Snapshot } from '../../engine/types';

export const isStay = (c: MeasuredControl) => c.role === 'upgrade' || c.role === 'retain';
export const isExit = (c: MeasuredControl) => c.role === 'downgrade' || c.role === 'cancel';
/**
 * The way out of a screen: an exit control, or a decline option worded to shame ("No thanks, I…"),
 * unless it only declines an offer in a dialog that says nothing of leaving.
 */
export const isExitPath = (c: MeasuredControl) => isExit(c) || (c.tags.includes('confirmshaming') && !c.tags.includes('declines-offer'));

/** The measured factors a finding shows for a control. */
export function controlEvidence(c: MeasuredControl) {
  const m = c.measurement;
  return {
    id: c.id,
    role: c.role,
    text: c.text,
    salience: c.salience,
    area: m.area,
    fontSize: m.fontSize,
    fontWeight: m.fontWeight,
    contrast: m.contrast,
    fillContrast: m.fillContrast,
    belowFold: m.belowFold,
  };
}

/** Screens where plan rules apply: the whole page when it is a subscription interface, and any dialog. */
export function appliesTo(snapshot: Snapshot, c: MeasuredControl): boolean {
  return snapshot.subscriptionPage || c.screen !== 'page';
}

export function quote(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
