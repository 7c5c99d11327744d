/**
 * An exit survey on the screen: a question about why the user is leaving (rules/words `exitSurvey`)
 * together with something to answer it with (choices, a text box, a list). Plain DOM, no layout.
 */
import { pageText } from '../engine/page-text';
import type { Lexicon } from '../rules/lexicon';

const ANSWER_FIELDS = 'input[type=radio], input[type=checkbox], textarea, select, [role=radio], [role=radiogroup]';

/** The matched question phrase, or null when the screen holds no exit survey. */
export function exitSurveyQuestion(doc: Document, lexicon: Lexicon): string | null {
  if (!doc.body || !doc.querySelector(ANSWER_FIELDS)) return null;
  const text = pageText(doc, 20_000);
  return lexicon.find('exitSurvey', text)?.text ?? null;
}
