/** hidden-exit: an exit control that exists but is hard to see or reach, with each reason named. */
import type { MeasuredControl } from '../../engine/types';
import type { Check } from '../rule-schema';
import type { CheckInput, CheckResult } from '../check-types';
import { appliesTo, controlEvidence, isExit, isStay, quote } from './shared';

type HiddenCheck = Extract<Check, { kind: 'hidden' }>;
type Reason = { reason: string; strong: boolean; detail?: string | number };

export function hidden({ snapshot, check, lexicon }: CheckInput<HiddenCheck>): CheckResult[] {
  const dialogOpen = snapshot.controls.some((c) => c.screen !== 'page' && c.visible);
  // A dialog of leaving is open over the page (the user is already on the way out): the page's own
  // exits under it are its background, not exits to look for.
  const exitDialogOpen = snapshot.controls.some((c) => c.screen !== 'page' && c.visible && (isExit(c) || c.tags.includes('confirmshaming')));
  const staySections = new Set(snapshot.controls.filter((c) => isStay(c) && c.section).map((c) => c.section as string));
  const exits = snapshot.controls.filter((c) => isExit(c) && appliesTo(snapshot, c));
  // With no exit control on one's own plan page, the way to manage the subscription is the way out (as
  // missing-exit counts it): hiding the only one hides the exit. Any plain one is a way out. (A checkout
  // is a way in: a "Plan settings" link in its fine print is no exit it owes.)
  const ownPlan = snapshot.pageKind === 'account';
  const manage = exits.length || !ownPlan ? [] : snapshot.controls.filter((c) => c.tags.includes('manage-subscription') && appliesTo(snapshot, c));
  const plainManage = manage.some((c) => c.salience >= check.visibleExitSalience.value && reasonsFor(c).length === 0);
  const candidates = plainManage ? exits : [...exits, ...manage];
  const plain = exits.filter((c) => c.salience >= check.visibleExitSalience.value && reasonsFor(c).length === 0);
  const loudStay = snapshot.controls.some((c) => isStay(c) && c.salience >= check.loudStaySalience.value && c.measurement.belowFold === 0);
  const results: CheckResult[] = [];
  for (const c of candidates) {
    const reasons = reasonsFor(c);
    if (reasons.length === 0) continue;
    // A plain way out of the same kind excuses a hidden one: a visible cancel any exit, a visible
    // downgrade only another downgrade (it does not end the subscription). A way down filed under an
    // unrelated section (账户安全) is buried on purpose: turning renewal off is no way to a cheaper tier.
    const misfiledDowngrade = c.role === 'downgrade' && reasons.some((r) => r.reason === 'unrelated-section');
    if (!misfiledDowngrade && plain.some((p) => p.role === 'cancel' || p.role === c.role)) continue;
    if (exitDialogOpen && c.screen === 'page' && c.measurement.state.covered) continue;
    // In a dialog every control is in view: a faint or small exit under a loud way to stay is a false
    // hierarchy (asymmetric-prominence's finding), not an exit the user has to look for.
    const appearanceOnly = reasons.every((r) => r.reason === 'low-contrast' || r.reason === 'tiny');
    if (appearanceOnly && c.screen !== 'page' && loudStayIn(c.screen)) continue;
    // A disabled button is drawn grey because it cannot be used now ("not this cycle"): that is a
    // restriction (restricted-window's sentence says when), not an exit made hard to see.
    if (c.tags.includes('disabled') && reasons.every((r) => r.reason === 'low-contrast')) continue;
    const strong = reasons.some((r) => r.strong) || (loudStay && reasons.some((r) => r.reason === 'collapsed'));
    // A manage path in a closed menu is the ordinary place for one (an account menu): only a strong reason speaks for it.
    if (!isExit(c) && !reasons.some((r) => r.strong)) continue;
    results.push({
      verdict: strong ? 'violation' : 'needs-review',
      controls: [c.id],
      evidence: { control: controlEvidence(c), reasons, section: c.section, collapsedBy: c.measurement.state.collapsedBy },
      vars: { exit: quote(c.text, 40), reasons: reasons.map((r) => r.reason) },
    });
  }
  return results;

  function stayUncovered(screen: string): boolean {
    return snapshot.controls.some((s) => isStay(s) && s.screen === screen && s.visible && s.measurement.state.covered === false);
  }

  function loudStayIn(screen: string): boolean {
    return snapshot.controls.some((s) => isStay(s) && s.screen === screen && s.salience >= check.loudStaySalience.value);
  }

  function reasonsFor(c: MeasuredControl): Reason[] {
    const m = c.measurement;
    const s = m.state;
    const out: Reason[] = [];
    if (s.collapsed) out.push({ reason: 'collapsed', strong: false, detail: s.collapsedBy ?? undefined });
    else if (s.notRendered) out.push({ reason: 'not-rendered', strong: false });
    if (s.transparent) out.push({ reason: 'transparent', strong: true });
    // Scrolled out of a box the user can scroll is out of view as a control below the first screen is: no strong reason.
    if (s.clipped) out.push({ reason: 'clipped', strong: !s.clippedInScroller });
    if (s.offScreen) out.push({ reason: 'off-screen', strong: true });
    // Under an open dialog every page control is covered; that is the dialog, not a hidden exit. A cover that
    // hides the ways to stay as well (a consent wall, another site's frame over the page, a loading veil) does
    // not single the exit out: only one that leaves a way to stay on the same screen in plain view does. Nor
    // does one pinned to the viewport (a cookie banner, a chat button, a sticky header), which covers
    // whatever the scrolling brings under it.
    if (s.covered && !(c.screen === 'page' && dialogOpen))
      out.push({ reason: 'covered', strong: stayUncovered(c.screen) && !s.coveredByFixed, detail: s.coveredBy ?? undefined });
    const rendered = !s.notRendered && !s.offScreen && !s.clipped;
    if (rendered && (m.area < check.tinyArea.value || m.fontSize < check.tinyFontSize.value))
      out.push({ reason: 'tiny', strong: true, detail: `${m.area}px², ${m.fontSize}px` });
    // Over a gradient the contrast is known between bounds: faint even at its best reading is faint.
    const bestContrast = m.contrast ?? m.contrastBounds?.[1] ?? null;
    if (rendered && bestContrast !== null && bestContrast < check.lowContrast.value) out.push({ reason: 'low-contrast', strong: true, detail: bestContrast });
    const farBelow = check.farBelowScreens.value * snapshot.viewport.height;
    // Below the fold and faint (small, muted) under a vivid way to stay on the first screen: left to be missed.
    const faded = c.salience < check.visibleExitSalience.value && loudStay && m.belowFold > check.fadedBelowScreens.value * snapshot.viewport.height;
    if (rendered && (m.belowFold > farBelow || faded)) out.push({ reason: 'below-first-screen', strong: faded, detail: m.belowFold });
    // Each label on its own: "会员自动续费" inside a menu collapsed under "更多安全设置" is still filed under security.
    // A section that also holds a way to stay is the plan's own section, whatever its name
    // (帳戶安全險 is a product, not the account's security settings).
    const unrelated = [c.section, s.collapsedBy].find(
      (l) => !!l && lexicon.has('unrelatedSection', l) && !lexicon.has('relatedSection', l) && !staySections.has(l),
    );
    if (unrelated) out.push({ reason: 'unrelated-section', strong: true, detail: unrelated });
    return out;
  }
}
