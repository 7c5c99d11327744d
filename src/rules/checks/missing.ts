/** missing-exit: a subscription interface with ways to stay or pay more, and no way out at all. */
import type { Check } from '../rule-schema';
import type { CheckInput, CheckResult } from '../check-types';
import { interfaceBlock, readings } from './sentence';
import { controlEvidence, isExitPath, isStay, quote } from './shared';

type MissingCheck = Extract<Check, { kind: 'missing' }>;

export function missing({ snapshot, lexicon }: CheckInput<MissingCheck>): CheckResult[] {
  // A checkout is the way in; the way out is expected on the account pages, not here.
  if (!snapshot.subscriptionPage || snapshot.pageKind === 'checkout') return [];
  // Ways to stay the user can see: not under a dialog that is not about the plan (an editor's Save
  // dialog over its toolbar's upgrade link), and not a bare payment (paying this month's bill offers no plan).
  const planDialog = snapshot.controls.some((d) => d.screen !== 'page' && (d.role !== 'other' || d.tags.includes('confirmshaming')));
  const stay = snapshot.controls.filter(
    (c) =>
      isStay(c) &&
      c.visible &&
      // The site's menu ("線上申辦", "Upgrade" in the top bar) leads elsewhere; the plan's own page is where the way out belongs.
      !c.tags.includes('site-menu') &&
      !(c.measurement.state.covered && !planDialog) &&
      !lexicon.isBarePayment(c.text),
  );
  if (stay.length === 0) return [];
  const exits = snapshot.controls.filter(isExitPath);
  // A renewal box ticked as part of paying again opts into renewal; it manages nothing the user already has.
  const manage = snapshot.controls.filter(
    (c) => c.tags.includes('manage-subscription') || (c.tags.includes('renewal-toggle') && !(c.role === 'upgrade' && c.tags.includes('purchase-form'))),
  );
  if (exits.length > 0 || manage.length > 0) return [];
  // The page names a way out, only through a call or a visit: that is forced-contact's finding.
  if (snapshot.blocks.some((b) => interfaceBlock(snapshot, b) && readings(b.text, lexicon).some((t) => lexicon.has('contactRequirement', t)))) return [];
  // "停用機場接送服務" ends something the lists do not know: perhaps the way out, so the finding is not sure.
  const possibleExits = snapshot.possibleExits ?? [];
  return [
    {
      verdict: possibleExits.length > 0 ? 'needs-review' : 'violation',
      controls: stay.map((c) => c.id),
      evidence: {
        stay: stay.slice(0, 5).map(controlEvidence),
        searched: 'downgrade, cancel and manage-subscription controls (rules/words/*.json), in the page, its shadow roots and frames',
        ...(possibleExits.length > 0 ? { possibleExits: possibleExits.slice(0, 5) } : {}),
        pageSignals: snapshot.pageSignals,
      },
      vars: { stay: quote(stay[0].text, 40) },
    },
  ];
}
