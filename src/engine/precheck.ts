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
import { squeezeText, type Lexicon } from '../rules/lexicon';
import { firstLookSteps } from './first-look';
import { joinText, LANGUAGE_CHARS, nestedTextOf, PAGE_TEXT, pageReadSteps, TextIndex } from './page-text';
import { phaseMark } from './phase-mark';
import { NEEDED, PLAN_WORDS, PrecheckQuestions, QUESTIONS, says, type ListName, type PrecheckAsker } from './precheck-question';
import { runAtOnce, type Steps } from './scan-timing';

/** Names that controls take from attributes rather than from their text. */
const LABEL_ATTRIBUTES = '[aria-label], [title], img[alt], input[value]';
const MAX_LABELS = 2000;

export type Precheck = {
  /** The page's text as the page-kind decision reads it (read when first asked for, after a first look). */
  readonly text: string;
  /** The start of `text`, at least as much of it as languageOf reads. */
  head: string;
  /** True: the text holds no phrase of the exit-survey list (the first look ruled it out). */
  noExitSurvey?: boolean;
  /** False: the page ends here, unmeasured. */
  measure: boolean;
  /** The walk that read the text, for the rest of the scan to go on from. */
  index: TextIndex;
};

/**
 * `firstLook`: false reads the page node by node at once (tests compare the two). `previous`: the
 * walk of the last scan of this document, which measured it, brought up to date with the changes
 * since (TextIndex.carryOver): its text is read from there, and the first look, which found it
 * needed measuring then, is not made again. `ask`: a lexicon elsewhere that may answer the questions
 * about the page's text while this one's tables are not filled (precheck-question.ts). `onRead`: told
 * the shadow hosts and frames met as soon as the page has been read node by node, before anything is asked.
 */
export function* precheckSteps(
  doc: Document,
  lexicon: Lexicon,
  firstLook = true,
  previous?: TextIndex,
  { ask, onRead }: { ask?: PrecheckAsker; onRead?: (hosts: readonly Element[]) => void } = {},
): Steps<Precheck> {
  const again = previous?.canReadAgain(doc) === true;
  // Most pages say nothing of plans: a first look at their text in long pieces decides that
  // without the walk node by node, which is read only if asked for (first-look.ts).
  if (firstLook && !again && (yield* endsAtFirstLook(doc, lexicon))) {
    phaseMark('cleared');
    return unmeasured(doc);
  }
  const read = yield* pageReadSteps(doc, PAGE_TEXT, again ? previous : undefined);
  onRead?.(read.hosts);
  const own = titled(doc.title, read.text);
  const lists = new PrecheckQuestions(lexicon, ask);
  // What most pages end on, asked in one message where there is a lexicon elsewhere to ask.
  yield* lists.prefetch(own, QUESTIONS);
  let pre: Precheck;
  if (yield* lists.says('plans', own)) {
    const measure = (yield* lists.says('needed', own)) || (yield* lists.says('needed', `${nestedTextOf(read.hosts)}\n${attributeLabels(doc)}`));
    pre = { text: own, head: own, measure, index: read.index };
  } else {
    // Text in shadow roots and frames (those in the part of the page read) is read only when the
    // document's own text says nothing of plans.
    const nested = nestedTextOf(read.hosts);
    const text = nested ? `${own} ${nested}` : own;
    const measure = nested.trim() !== '' && (yield* lists.says('plans', text)) && (yield* lists.says('needed', `${text}\n${attributeLabels(doc)}`));
    pre = { text, head: text, measure, index: read.index };
  }
  // The rest of the scan asks this lexicon: ready before it goes on (a page answered elsewhere that ends here never fills it).
  if (pre.measure) yield* lexicon.prepareSteps();
  if (lists.known('survey', pre.text) === false) pre.noExitSurvey = true;
  return pre;
}

/**
 * The title and the text as one string, the last one given again for the same two: the lexicon keeps
 * its answers about a long text by the text, and finds them at once for the string it was asked with
 * (another string of the same characters is compared with it in full, a new one made for each scan).
 */
function titled(title: string, text: string): string {
  if (lastTitled?.title !== title || lastTitled.text !== text) lastTitled = { title, text, own: `${title} | ${text}` };
  return lastTitled.own;
}
let lastTitled: { title: string; text: string; own: string } | null = null;

/**
 * Whether the first look alone ends the pre-check as reading node by node would: no word about
 * plans and no exit-survey question in the text, and no shadow host or frame in the part read
 * (their text would be read on). (Also ending pages whose words about plans come without anything a
 * finding needs would take the look of some twenty lists more: three times the time to set it up
 * on each page's first scan, and not one more labelled page ended.)
 */
function* endsAtFirstLook(doc: Document, lexicon: Lexicon): Steps<boolean> {
  phaseMark('look tables');
  const look = yield* lexicon.squeezedLookSteps(FIRST_LOOK_SETS);
  phaseMark('first look');
  const hopeless = () => look.mayFind('plan') || look.mayFind('survey');
  return (yield* firstLookSteps(doc, look, hopeless)) === 'read' && !hopeless();
}
const SURVEY: ListName[] = ['exitSurvey'];
/** What the first look asks of the text (the build prepares its keys: src/rules/compiled-words-define.ts). */
export const FIRST_LOOK_SETS = { plan: PLAN_WORDS, survey: SURVEY };

/**
 * A page that the first look cleared: what the walk would have given (no shadow host or frame in
 * the part read, so no nested text), with the walk made only as far as the language needs until
 * the whole text is asked for.
 */
function unmeasured(doc: Document): Precheck {
  const index = new TextIndex(doc);
  const start = `${doc.title} | `;
  let head = start;
  for (let cap = LANGUAGE_CHARS; ; cap = Math.min(cap * 2, PAGE_TEXT)) {
    runAtOnce(index.readSteps(cap));
    // The nodes read so far begin the text (their joined text begins the whole one).
    head = start + joinText(index.texts);
    if (head.length >= LANGUAGE_CHARS || index.complete || cap === PAGE_TEXT) break;
  }
  let text: string | null = null;
  return {
    get text() {
      if (text === null) {
        runAtOnce(index.readSteps(PAGE_TEXT));
        text = start + index.textUpTo(PAGE_TEXT)!;
      }
      return text;
    },
    head,
    noExitSurvey: true,
    measure: false,
    index,
  };
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
 *
 * A page that the first look ended has no word about plans, and is measured only once it has one:
 * until the lexicon's prefilter is filled (no page so ended fills it), the first look's own tables
 * say whether the new text may hold one (asking the lexicon would fill its tables at once, 20-40 ms
 * in one task of the page).
 */
export function mayEndDifferently(lexicon: Lexicon, addedText: string): boolean {
  if (addedText.trim() === '') return false;
  if (lexicon.prepared) return says(lexicon, [...PLAN_WORDS, ...NEEDED], addedText);
  const look = lexicon.squeezedLook(FIRST_LOOK_SETS);
  look.add(squeezeText(addedText));
  return look.mayFind('plan');
}
