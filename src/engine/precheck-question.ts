/**
 * The pre-check's questions about a page's text, which a lexicon elsewhere can answer: the background
 * keeps one lexicon warm for every page, while a page's own is new in every page, and its first
 * answer costs the page the filling of the prefilter's tables and the compiling of the expressions
 * the text calls for (news-10k's first scan: 44 of 84 ms of CPU). Plain TypeScript, no extension
 * API: the content script gives the scan an asker that sends the text to the background
 * (src/content/ask-background.ts), and the background answers with `answerPrecheck`.
 */
import type { Lexicon, PlanRole } from '../rules/lexicon';
import type { PhraseKey } from '../rules/word-list-schema';
import { awaited, type Steps } from './scan-timing';
import { BLOCK_TRIGGERS } from './text-blocks';

export type ListName = PlanRole | 'manage' | PhraseKey;
/** Any word about plans: the original, broad pre-check. */
export const PLAN_WORDS: ListName[] = ['upgrade', 'retain', 'downgrade', 'cancel', 'manage', 'renewal', 'accountContext', 'confirmshaming', 'lossFraming'];
/** What a finding or a subscription page cannot do without (see the rule checks and page-kind.ts). */
export const NEEDED: ListName[] = ['downgrade', 'cancel', 'manage', 'accountContext', 'renewal', 'checkoutContext', 'confirmshaming', 'lossFraming', ...BLOCK_TRIGGERS];

/**
 * What the pre-check asks of a text: `plans`, whether it says a word of PLAN_WORDS; `needed`, one of
 * NEEDED; `survey`, whether it may hold an exit-survey question (Lexicon.mayHave, as the exit-survey
 * check reads it first).
 */
export const QUESTIONS = ['plans', 'needed', 'survey'] as const;
export type Question = (typeof QUESTIONS)[number];

/** Asks questions about one text elsewhere: the answers in the questions' order, or undefined when none came. */
export type PrecheckAsker = (text: string, questions: readonly Question[]) => Promise<boolean[] | undefined>;

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

/** A question answered at once (the background's lexicon, warm). */
export function answerPrecheck(lexicon: Lexicon, text: string, question: Question): boolean {
  if (question === 'survey') return lexicon.mayHave('exitSurvey', text);
  return says(lexicon, question === 'plans' ? PLAN_WORDS : NEEDED, text);
}

/**
 * The pre-check's questions for one scan: answered by the last answers kept for the same text (a
 * "scan again" of an unchanged page asks nothing anew), else asked elsewhere while the page's
 * lexicon is not ready (a page's first scan), else by the page's lexicon, made ready between yields.
 * An asker that gave no answer is not asked again in the same scan.
 */
export class PrecheckQuestions {
  /** False once the asker gave no answer: it is not asked again in this scan. */
  private asking = true;

  constructor(
    private readonly lexicon: Lexicon,
    private readonly ask?: PrecheckAsker,
  ) {}

  /** Asks elsewhere, in one message, what is not known yet of the text. */
  *prefetch(text: string, questions: readonly Question[]): Steps<void> {
    const open = questions.filter((q) => this.known(q, text) === undefined);
    if (!open.length || !this.ask || !this.asking || this.lexicon.prepared) return;
    const answers = yield* awaited(this.ask(text, open));
    if (!answers || answers.length !== open.length) {
      this.asking = false;
      return;
    }
    open.forEach((q, i) => keep(this.lexicon, q, text, answers[i]));
  }

  *says(question: Exclude<Question, 'survey'>, text: string): Steps<boolean> {
    yield* this.prefetch(text, [question]);
    const known = this.known(question, text);
    if (known !== undefined) return known;
    // The lexicon's own prefilter, which no page ended by the first look needs: filled between yields.
    yield* this.lexicon.prepareSteps();
    yield;
    // In steps: a page's text is long, and its first scan runs the lists cold.
    const answer = yield* this.lexicon.mentionsAnyOrAsLabelSteps(question === 'plans' ? PLAN_WORDS : NEEDED, text);
    keep(this.lexicon, question, text, answer);
    return answer;
  }

  /** The answer kept for the text, if any was asked (elsewhere, or here). */
  known(question: Question, text: string): boolean | undefined {
    return kept.find((k) => k.lexicon === this.lexicon && k.question === question && k.text === text)?.answer;
  }
}

/**
 * The last answers, by the lexicon the page asks, the question and the text: texts of the same
 * characters compare equal, so a page read again unchanged finds them. The lexicon keeps its own
 * answers too, but only once its tables are filled, which a page whose questions were answered
 * elsewhere never does.
 */
const KEPT = 8;
const kept: { lexicon: Lexicon; question: Question; text: string; answer: boolean }[] = [];
function keep(lexicon: Lexicon, question: Question, text: string, answer: boolean): void {
  kept.unshift({ lexicon, question, text, answer });
  kept.length = Math.min(kept.length, KEPT);
}
