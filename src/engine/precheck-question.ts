/**
 * The pre-check's question about a page's text, in one piece that a lexicon elsewhere can answer:
 * the background keeps one lexicon warm for every page, while a page's own is new in every page and
 * its first answer costs it the filling of the prefilter's tables and the compiling of the expressions
 * the text calls for (news-10k's first scan: 44 of 88 ms of CPU). Plain TypeScript, no extension API:
 * the content script gives the scan an asker that sends the text to the background
 * (src/content/precheck-ask.ts), the background answers with `answerPrecheck`.
 */
import type { Lexicon, PlanRole } from '../rules/lexicon';
import type { PhraseKey } from '../rules/word-list-schema';
import { BLOCK_TRIGGERS } from './text-blocks';

export type ListName = PlanRole | 'manage' | PhraseKey;
/** Any word about plans: the original, broad pre-check. */
export const PLAN_WORDS: ListName[] = ['upgrade', 'retain', 'downgrade', 'cancel', 'manage', 'renewal', 'accountContext', 'confirmshaming', 'lossFraming'];
/** What a finding or a subscription page cannot do without (see the rule checks and page-kind.ts). */
export const NEEDED: ListName[] = ['downgrade', 'cancel', 'manage', 'accountContext', 'renewal', 'checkoutContext', 'confirmshaming', 'lossFraming', ...BLOCK_TRIGGERS];

/**
 * What the pre-check asks of a page's own text (its title, then its text as the walk joined it):
 * `plans`, whether it says a word of PLAN_WORDS; `needed`, whether it also says one of NEEDED (false
 * when it says none about plans); `survey`, whether it may hold an exit-survey question (Lexicon.mayHave).
 */
export type PrecheckAnswer = { plans: boolean; needed: boolean; survey: boolean };

/** Asks the question elsewhere; undefined when no answer came (the page then answers it itself). */
export type PrecheckAsker = (text: string) => Promise<PrecheckAnswer | undefined>;

/** The longest text that is asked elsewhere: the pre-check reads at most 100,000 characters, and a title is short. */
export const ASKED_TEXT_MAX = 110_000;

/**
 * Whether the text has a phrase of the lists, or a label or block in it (a run of its nodes, joined
 * by newlines) one that needs a label's start or end: "Cancel Ride Pass" is a cancel button only as
 * a label of its own (Lexicon.mentionsAnyAsLabel).
 */
export function says(lexicon: Lexicon, lists: ListName[], text: string): boolean {
  return lexicon.mentionsAny(lists, text) || lexicon.mentionsAnyAsLabel(lists, text);
}

/** The answer as the page's own lexicon gives it, read at once (the background's, warm). */
export function answerPrecheck(lexicon: Lexicon, text: string): PrecheckAnswer {
  const plans = says(lexicon, PLAN_WORDS, text);
  return { plans, needed: plans && says(lexicon, NEEDED, text), survey: lexicon.mayHave('exitSurvey', text) };
}
