/**
 * Discovery's question about the short texts of a page's generic elements (is this a label about
 * plans?), which a lexicon elsewhere can answer: a page's own lexicon compiles, cold, the expressions
 * of every list a text's fragments call for, and plan-50k's first scan asked it of 9,900 texts (64-81
 * ms). The background's lexicon is warm (elsewhere.ts). Plain TypeScript, no extension API.
 */
import type { Lexicon } from '../rules/lexicon';
import { awaited, type Steps } from './scan-timing';

/** Asks elsewhere whether each text is a label about plans (answerPlanTexts): the answers in order, or undefined when none came. */
export type PlanTextAsker = (texts: string[]) => Promise<boolean[] | undefined>;

/** At most this many texts in one question (each at most discover.ts LINK_TEXT_LIMIT characters): a larger page asks itself. */
export const PLAN_TEXTS_MAX = 20_000;

/**
 * Whether a short text makes a pointer-cursor element a control: a plan's label, or a shaming decline.
 * `shames`: the lexicon's answer to the second, or one a scan keeps (scan.ts labelAnswers).
 */
export function isPlanText(lexicon: Lexicon, text: string, shames = (t: string) => lexicon.has('confirmshaming', t)): boolean {
  return lexicon.isPlanLabel(text) || shames(text);
}

/** The answers as the lexicon gives them at once (the background's). */
export function answerPlanTexts(lexicon: Lexicon, texts: readonly string[]): boolean[] {
  return texts.map((t) => isPlanText(lexicon, t));
}

/** What a scan keeps of the answers: asked whether it knows a text's, and told one. */
export type KnownPlanTexts = { has(text: string): boolean; set(text: string, answer: boolean): void };

/** Asks elsewhere, in one message, about the texts whose answer is not known yet, and keeps the answers. */
export function* planTextsElsewhere(ask: PlanTextAsker, texts: readonly string[], known: KnownPlanTexts): Steps<void> {
  const open = [...new Set(texts)].filter((t) => !known.has(t));
  if (!open.length || open.length > PLAN_TEXTS_MAX) return;
  const answers = yield* awaited(ask(open));
  if (answers?.length !== open.length) return;
  open.forEach((t, i) => known.set(t, answers[i]));
}
