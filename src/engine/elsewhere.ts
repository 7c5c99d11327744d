/**
 * A lexicon elsewhere that a page's first scan may ask instead of its own: the background keeps one
 * ready and warm for every page, while the page's is new in every page, and its first answers cost
 * the page the filling of its tables and the compiling, cold, of the expressions its texts call for.
 * Each question gives no answer (undefined) when none came, and the page then answers it itself.
 */
import type { PrecheckAsker } from './precheck-question';
import type { TriggerAsker } from './text-blocks';
import type { PlanTextAsker } from './label-questions';

export type Elsewhere = {
  /** The pre-check's questions about the page's text (precheck-question.ts): asked while the page's lexicon is not ready. */
  precheck?: PrecheckAsker;
  /** The trigger lists of text blocks' texts new to the page's lexicon (text-blocks.ts). */
  triggers?: TriggerAsker;
  /** Whether the short texts of the document's generic elements are labels about plans (label-questions.ts). */
  planTexts?: PlanTextAsker;
};
