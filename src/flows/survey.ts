/**
 * An exit survey on the screen: a question about why the user is leaving (rules/words `exitSurvey`)
 * together with something to answer it with (choices, a text box, a list). Plain DOM, no layout.
 */
import { pageText } from '../engine/page-text';
import type { Lexicon } from '../rules/lexicon';

/** How much of the document's text the question is looked for in. */
const SURVEY_TEXT = 20_000;
const ANSWER_FIELDS = 'input[type=radio], input[type=checkbox], textarea, select, [role=radio], [role=radiogroup]';

/**
 * The matched question phrase, or null when the screen holds no exit survey. `readText`: the
 * page's text as a scan just read it (Snapshot.pageText: all the text read here and more); without
 * a question in it, there is none here either, and the document is not read again. `textUpTo`:
 * the scan's walk (Snapshot.textUpTo), which gives the text read here without walking again.
 */
export function exitSurveyQuestion(doc: Document, lexicon: Lexicon, readText?: string, textUpTo?: (cap: number) => string | null): string | null {
  if (!doc.body) return null;
  if (readText !== undefined && !lexicon.mayHave('exitSurvey', readText)) return null;
  // The question first: looking for answer fields goes through the whole document, the text does not.
  const question = lexicon.find('exitSurvey', textUpTo?.(SURVEY_TEXT) ?? pageText(doc, SURVEY_TEXT))?.text ?? null;
  return question !== null && doc.querySelector(ANSWER_FIELDS) ? question : null;
}
