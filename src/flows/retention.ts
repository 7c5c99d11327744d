/**
 * What a screen of a recorded path holds, read from the page scan's own report: retention content
 * (loss-framing or confirmshaming findings, a visible `retain` control, an exit survey) and demands
 * to call or write (forced-contact). Each item has a key so that a rescan of the same screen adds
 * nothing new.
 *
 * Two things an ordinary confirmation step has are not retention: a bare "Are you sure you want to
 * cancel?" (word list `confirmQuestion`) and a plain way back ("Back", 返回; word list `plainBack`).
 * Otherwise a fair exit with one confirmation would count an interstitial that its way in lacks.
 */
import type { PageReport, ScreenSignal } from '../report/schema';
import { normalizeText, type Lexicon } from '../rules/lexicon';

export type ScreenItem = { signal: ScreenSignal; key: string };

/** Signals that make a step an interstitial (forced-contact ends a path; it is not a detour). */
export const INTERSTITIAL_SIGNALS: ReadonlySet<ScreenSignal> = new Set(['loss-framing', 'confirmshaming', 'retain', 'survey']);

export function screenItems(report: PageReport, survey: string | null, lexicon: Lexicon): ScreenItem[] {
  const items: ScreenItem[] = [];
  for (const f of report.findings) {
    if (f.rule === 'loss-framing') {
      for (const s of sentencesOf(f.evidence)) if (warnsOfLoss(s, lexicon)) items.push({ signal: 'loss-framing', key: `loss-framing:${s}` });
    } else if (f.rule === 'forced-contact' && f.verdict === 'violation') {
      for (const s of sentencesOf(f.evidence)) items.push({ signal: 'forced-contact', key: `forced-contact:${s}` });
    } else if (f.rule === 'confirmshaming' && f.verdict === 'violation') {
      const wording = typeof f.evidence.wording === 'string' ? f.evidence.wording : f.message;
      items.push({ signal: 'confirmshaming', key: `confirmshaming:${wording}` });
    }
  }
  for (const c of report.controls) {
    if (c.role === 'retain' && c.visible && !lexicon.has('plainBack', c.text)) items.push({ signal: 'retain', key: `retain:${c.text}` });
  }
  if (survey) items.push({ signal: 'survey', key: `survey:${survey}` });
  return items;
}

function sentencesOf(evidence: Record<string, unknown>): string[] {
  const list = Array.isArray(evidence.sentences) ? evidence.sentences : [];
  const out = list.map((s) => (s as { sentence?: unknown })?.sentence).filter((s): s is string => typeof s === 'string');
  if (out.length === 0 && typeof evidence.sentence === 'string') out.push(evidence.sentence);
  return out;
}

/** A loss warning beyond the confirmation question itself. */
function warnsOfLoss(sentence: string, lexicon: Lexicon): boolean {
  let rest = normalizeText(sentence);
  for (const m of lexicon.findAll('confirmQuestion', rest)) rest = rest.split(m.text).join(' ');
  return lexicon.has('lossFraming', rest);
}
