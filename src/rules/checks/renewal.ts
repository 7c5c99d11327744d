/** preselected-renewal: a renewal box ticked for the user at checkout, or renewal terms in fine print. */
import type { Check } from '../rule-schema';
import type { CheckInput, CheckResult } from '../check-types';
import { controlEvidence, quote } from './shared';
import { PRICE, PRICE_OR_PERIOD } from '../../engine/price';
import { interfaceBlock } from './sentence';
import { textSize } from '../lexicon';

type RenewalCheck = Extract<Check, { kind: 'renewal' }>;

export function renewal({ snapshot, check, lexicon }: CheckInput<RenewalCheck>): CheckResult[] {
  const byId = new Map(snapshot.controls.map((c) => [c.id, c]));
  const nearUpgrade = (ids: string[]) => ids.some((id) => byId.get(id)?.role === 'upgrade');
  // A pay button a word list names ("确认续费"), not one inferred from the form (which may be "Save").
  const namedUpgrade = (ids: string[]) => ids.some((id) => byId.get(id)?.role === 'upgrade' && !byId.get(id)?.tags.includes('purchase-button'));
  const results: CheckResult[] = [];
  for (const c of snapshot.controls) {
    const upgradeChosen = c.tags.includes('upgrade-chosen');
    if (c.checked !== true || !c.tags.includes('renewal-toggle') || !(nearUpgrade(c.near) || upgradeChosen)) continue;
    // Pre-selection is a purchase-flow trick: a settings switch showing a running renewal is not. On an
    // account page only a box ticked in a form that renews or buys (a word list names its button) is one.
    // The form's button may say only "Save" where the form itself changes the plan: an upgrade option ticked beside the box.
    // A short label ("到期自動續購") is that purchase's when the block's own pay button names the purchase ("購買年卡").
    const purchaseBox = c.kind === 'checkbox' && c.tags.includes('purchase-form');
    if (snapshot.pageKind === 'account' && !(purchaseBox && ((statesTerms(c.text) && (namedUpgrade(c.near) || upgradeChosen)) || c.tags.includes('named-pay')))) continue;
    results.push({
      verdict: 'violation',
      controls: [c.id, ...c.near.filter((id) => byId.get(id)?.role === 'upgrade')],
      evidence: { kind: 'preselected', input: controlEvidence(c), label: c.text, checked: true },
      vars: { text: quote(c.text, 80) },
    });
  }
  for (const b of snapshot.blocks) {
    // Renewal terms state a price or a period; a row of links to the rules ("自动续费规则") is not terms.
    // On an account page a grey "每月1日扣费" beside one's own plan reports a running charge; hidden terms of
    // a purchase there state what it costs.
    // There the terms must also speak of the offer (升级, 首月, trial): "套餐月费 59 元，每月1日自动扣费" in
    // one's own plan card states the charge one already pays.
    // Consent wording ("按下確認即表示同意…自動扣款") makes any block terms of a purchase.
    const account = snapshot.pageKind === 'account';
    // On a checkout the whole page is the way in: its renewal terms are that purchase's, wherever they stand.
    const wayIn = nearUpgrade(b.nearControls) || (snapshot.pageKind === 'checkout' && snapshot.controls.some((c) => c.role === 'upgrade' && c.screen === b.screen));
    if (!interfaceBlock(snapshot, b) || !lexicon.has('renewal', b.text) || !wayIn) continue;
    const consent = lexicon.has('purchaseConsent', b.text);
    if (!(account && !consent ? PRICE : PRICE_OR_PERIOD).test(b.text)) continue;
    if (account && !consent && !lexicon.mentionsAny(['upgradeTopic', 'upgradeAction'], b.text)) continue;
    const small = b.fontSize < check.fineFontSize.value;
    // Over a gradient the contrast is known only within bounds: faint at best is faint, clear at worst is clear.
    const [low, high] = b.contrast !== null ? [b.contrast, b.contrast] : (b.contrastBounds ?? [null, null]);
    const faint = high !== null && high < check.fineContrast.value;
    if (!small && !faint && low !== null && low >= check.fineContrast.value) continue;
    results.push({
      verdict: small || faint ? 'violation' : 'needs-review',
      controls: b.nearControls.filter((id) => byId.get(id)?.role === 'upgrade'),
      evidence: { kind: 'fine-print', sentence: quote(b.text, 300), fontSize: b.fontSize, contrast: b.contrast, contrastBounds: b.contrastBounds, selector: b.selector },
      vars: { text: quote(b.text, 80) },
    });
  }
  return results;
}

/**
 * A box whose label states what the user agrees to ("开通到期自动续费(到期前自动按月扣款…)", "Renew my
 * plan automatically every year", "每月自動續購": a period or a price) asks for consent; a short name
 * ("自動續租", "Auto-renew") shows a setting.
 */
function statesTerms(label: string): boolean {
  const { words, hanzi } = textSize(label);
  return words >= 4 || hanzi >= 8 || PRICE_OR_PERIOD.test(label) || AGREES.test(label);
}
/** "同意自動續訂", "I agree to auto-renewal": a box that gives consent, however short its label. */
const AGREES = /^\s*(?:我|本人)?(?:同意|接受|agree\b|i agree\b|i accept\b)/i;
