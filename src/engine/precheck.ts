/**
 * The cheap pre-check that runs before anything is measured: from the page's text alone, can this
 * page be a subscription page or hold a finding? Most pages of the web are not, and end here.
 *
 * A page is measured only when its text mentions plans at all (a plan role, a manage path, renewal,
 * account, shaming or loss wording) AND something that a finding or a subscription page needs: an
 * exit (cancel, downgrade), a manage path, account, renewal or checkout wording, shaming, or a
 * sentence one of the sentence rules reads. An "Upgrade" or "Subscribe" button on a news site, with
 * none of these, can give neither a finding nor a subscription page (tests/browser/precheck.test.ts
 * holds every fixture page to that).
 */
import type { Lexicon, PlanRole } from '../rules/lexicon';
import type { PhraseKey } from '../rules/word-list-schema';
import { nestedTextOf, pageReadSteps, type TextIndex } from './page-text';
import type { Steps } from './scan-timing';
import { BLOCK_TRIGGERS } from './text-blocks';

type ListName = PlanRole | 'manage' | PhraseKey;
/** Any word about plans: the original, broad pre-check. */
const PLAN_WORDS: ListName[] = ['upgrade', 'retain', 'downgrade', 'cancel', 'manage', 'renewal', 'accountContext', 'confirmshaming', 'lossFraming'];
/** What a finding or a subscription page cannot do without (see the rule checks and page-kind.ts). */
const NEEDED: ListName[] = ['downgrade', 'cancel', 'manage', 'accountContext', 'renewal', 'checkoutContext', 'confirmshaming', 'lossFraming', ...BLOCK_TRIGGERS];
/** Names that controls take from attributes rather than from their text. */
const LABEL_ATTRIBUTES = '[aria-label], [title], img[alt], input[value]';
const MAX_LABELS = 2000;

export type Precheck = {
  /** The page's text as the page-kind decision reads it. */
  text: string;
  /** False: the page ends here, unmeasured. */
  measure: boolean;
  /** The walk that read the text, for the rest of the scan to go on from. */
  index: TextIndex;
};

export function* precheckSteps(doc: Document, lexicon: Lexicon): Steps<Precheck> {
  const read = yield* pageReadSteps(doc);
  const own = `${doc.title} | ${read.text}`;
  yield;
  if (lexicon.mentionsAny(PLAN_WORDS, own)) {
    yield;
    if (lexicon.mentionsAny(NEEDED, own)) return { text: own, measure: true, index: read.index };
    yield;
    return { text: own, measure: lexicon.mentionsAny(NEEDED, `${nestedTextOf(read.hosts)}\n${attributeLabels(doc)}`), index: read.index };
  }
  // Text in shadow roots and frames (those in the part of the page read) is read only when the
  // document's own text says nothing of plans.
  const nested = nestedTextOf(read.hosts);
  const text = nested ? `${own} ${nested}` : own;
  if (!nested.trim() || !lexicon.mentionsAny(PLAN_WORDS, text)) return { text, measure: false, index: read.index };
  yield;
  return { text, measure: lexicon.mentionsAny(NEEDED, `${text}\n${attributeLabels(doc)}`), index: read.index };
}

function attributeLabels(doc: Document): string {
  const out: string[] = [];
  for (const el of Array.from(doc.querySelectorAll(LABEL_ATTRIBUTES)).slice(0, MAX_LABELS)) {
    for (const name of ['aria-label', 'title', 'alt', 'value']) {
      const v = el.getAttribute(name);
      if (v) out.push(v);
    }
  }
  return out.join('\n');
}

/**
 * Whether new text could change a pre-check that ended the scan: only if it has a word of either
 * list. Changes to attributes or layout cannot, since the pre-check reads text alone.
 */
export function mayEndDifferently(lexicon: Lexicon, addedText: string): boolean {
  return addedText.trim() !== '' && lexicon.mentionsAny([...PLAN_WORDS, ...NEEDED], addedText);
}
