/**
 * Sentence rules (forced-contact, restricted-window, delayed-effect, loss-framing, upgrade-pressure):
 * a phrase in interface text, never in prose that merely quotes it.
 */
import type { MeasuredControl, Snapshot, TextBlock } from '../../engine/types';
import type { Check } from '../rule-schema';
import type { CheckInput, CheckResult } from '../check-types';
import type { Lexicon } from '../lexicon';
import { normalizeText } from '../lexicon';
import { isExit, quote } from './shared';

type SentenceCheck = Extract<Check, { kind: 'sentence' }>;

export function sentence({ snapshot, check, lexicon }: CheckInput<SentenceCheck>): CheckResult[] {
  const byId = new Map(snapshot.controls.map((c) => [c.id, c]));
  const confirmed = check.confirmedBy ? snapshot.blocks.some((b) => interfaceBlock(snapshot, b) && lexicon.has(check.confirmedBy!, b.text)) : true;
  const seen = new Set<string>();
  const results: CheckResult[] = [];
  for (const block of snapshot.blocks) {
    if (!interfaceBlock(snapshot, block)) continue;
    for (const key of check.lists) {
      const match = lexicon.find(key, block.text);
      if (!match) continue;
      const text = sentenceAround(block.text, match.text);
      if (seen.has(text)) continue;
      const near = block.nearControls.map((id) => byId.get(id)).filter((c): c is MeasuredControl => !!c);
      const screenControls = block.screen === 'page' ? near : snapshot.controls.filter((c) => c.screen === block.screen);
      const context = [...near, ...screenControls];
      if (check.nearRoles && !context.some((c) => check.nearRoles!.includes(c.role as never))) continue;
      if (check.exitContext && !exitContext(block, context, lexicon)) continue;
      seen.add(text);
      const clear = (snapshot.subscriptionPage || block.inDialog) && confirmed;
      results.push({
        verdict: clear ? 'violation' : 'needs-review',
        controls: [...new Set(context.map((c) => c.id))].slice(0, 6),
        evidence: {
          sentence: text,
          phrase: match.text,
          list: key,
          selector: block.selector,
          inDialog: block.inDialog,
          controls: context.slice(0, 6).map((c) => ({ id: c.id, role: c.role, text: quote(c.text, 60) })),
          ...(check.confirmedBy ? { confirmedBy: confirmed ? check.confirmedBy : null } : {}),
        },
        vars: { sentence: quote(text, 140) },
      });
      break;
    }
  }
  return results;
}

/** Interface text: not prose, visible (or in a dialog), and tied to plan controls or a plan page. */
export function interfaceBlock(snapshot: Snapshot, b: TextBlock): boolean {
  if (b.prose || !b.visible) return false;
  return b.inDialog || b.nearControls.length > 0 || snapshot.subscriptionPage;
}

function exitContext(block: TextBlock, context: MeasuredControl[], lexicon: Lexicon): boolean {
  return lexicon.has('exitTopic', block.text) || context.some((c) => isExit(c) || c.role === 'retain' || c.tags.includes('confirmshaming'));
}

/** The sentence of `text` that holds `fragment` (matched on normalized text). */
export function sentenceAround(text: string, fragment: string): string {
  const sentences = text.split(/(?<=[。!?!?；;])\s*|(?<=[.])\s+(?=[A-Z\u3400-\u9fff])/u).filter((s) => s.trim());
  const head = fragment.slice(0, 12);
  return (sentences.find((s) => normalizeText(s).replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/gu, '').includes(head)) ?? text).trim();
}
