/**
 * The pre-check's question asked elsewhere (src/engine/precheck-question.ts): run in slices, the scan
 * waits for the answer without counting the wait as its own time, takes it as the answer, and answers
 * the question itself whenever none comes (src/content/ask-background.ts). Text only: no layout here.
 */
import { describe, expect, it } from 'vitest';
import { precheckSteps } from '../../src/engine/precheck';
import { answerPrecheck, ASKED_TEXT_MAX, type PrecheckAsker, type Question } from '../../src/engine/precheck-question';
import { awaited, runAtOnce, runInSlices, ScanClock, type Steps } from '../../src/engine/scan-timing';
import { askBackground } from '../../src/content/ask-background';
import { TRIGGER_CHARS_MAX, TRIGGER_TEXTS_MAX } from '../../src/engine/text-blocks';
import { PLAN_TEXTS_MAX } from '../../src/engine/label-questions';
import { Lexicon } from '../../src/rules/lexicon';
import { BUNDLED_WORD_LISTS, bundledLexicon } from '../../src/rules/word-lists';
import { newsPage } from '../../bench/pages';

/** Local news in everyday words ("free parking", "the weekend"), which the first look cannot rule out (the bench's news page). */
const NEWS = new DOMParser().parseFromString(newsPage('news', 1500).html, 'text/html').body.innerHTML;
const ACCOUNT = '<h1>Your account</h1><p>Your plan: Premium, renews on 3 May.</p><button>Upgrade to Family</button><a href="#c">Cancel subscription</a>';

/** The lexicon a page starts with: its prefilter's tables not filled (made once, then read by every test). */
let fresh: Lexicon | null = null;
const newLexicon = () => new Lexicon(BUNDLED_WORD_LISTS);

function page(html: string, title = 'A page'): void {
  document.title = title;
  document.body.innerHTML = html;
}

/** An asker that notes each text and its questions ("plans needed survey"). */
function counting(answer: (text: string, q: Question) => boolean | undefined): PrecheckAsker & { asked: string[] } {
  const asked: string[] = [];
  const ask = async (text: string, questions: readonly Question[]) => {
    asked.push(`${text.slice(0, 24)}: ${questions.join(' ')}`);
    const answers = questions.map((q) => answer(text, q));
    return answers.some((a) => a === undefined) ? undefined : (answers as boolean[]);
  };
  return Object.assign(ask, { asked });
}
const says = (answers: Partial<Record<Question, boolean>>) => (_: string, q: Question) => answers[q];

describe('a step that waits for an answer', () => {
  it('ends the slice: the wait is not the scan busy time, and the answer is the step result', async () => {
    function* steps(): Steps<string | undefined> {
      yield;
      return yield* awaited(new Promise<string>((ok) => setTimeout(() => ok('answered'), 60)));
    }
    const clock = new ScanClock();
    const value = await runInSlices(steps(), clock);
    const stats = clock.stats(false);
    expect(value).toBe('answered');
    expect(stats.wallMs).toBeGreaterThanOrEqual(55);
    expect(stats.busyMs).toBeLessThan(30);
    expect(stats.slices).toBe(2);
  });

  it('gives undefined for a failed answer, and at once (the steps are not waited for)', async () => {
    function* failing(): Steps<string | undefined> {
      return yield* awaited(Promise.reject(new Error('worker stopped')));
    }
    expect(await runInSlices(failing(), new ScanClock())).toBeUndefined();
    let late = false;
    function* slow(): Steps<boolean | undefined> {
      return yield* awaited(new Promise<boolean>((ok) => setTimeout(() => ok((late = true)), 20)));
    }
    expect(runAtOnce(slow())).toBeUndefined();
    expect(late).toBe(false);
  });
});

describe('the pre-check asked elsewhere', () => {
  const background = bundledLexicon();
  const fromBackground = () => counting((text, q) => answerPrecheck(background, text, q));

  it('ends a page with no word about plans on the answer, without filling its own lexicon', async () => {
    page(NEWS, 'Local news');
    fresh ??= newLexicon();
    const ask = fromBackground();
    const pre = await runInSlices(precheckSteps(document, fresh, false, undefined, { ask: ask }), new ScanClock());
    expect(pre.measure).toBe(false);
    expect(pre.noExitSurvey).toBe(true);
    // One message: the three questions about the page's own text (title first).
    expect(ask.asked).toHaveLength(1);
    expect(ask.asked[0]).toMatch(/^Local news \| [\s\S]*: plans needed survey$/);
    expect(fresh.prepared).toBe(false);
    // The page's own answer, read node by node, is the same.
    expect(runAtOnce(precheckSteps(document, background, false)).measure).toBe(false);
  });

  it('asks once for the same text: "scan again" of an unchanged page does not send it again', async () => {
    page(NEWS, 'Local news, again');
    fresh ??= newLexicon();
    const ask = fromBackground();
    for (let i = 0; i < 3; i++) expect((await runInSlices(precheckSteps(document, fresh, false, undefined, { ask: ask }), new ScanClock())).measure).toBe(false);
    expect(ask.asked).toHaveLength(1);
    document.body.insertAdjacentHTML('beforeend', '<p>One more item.</p>');
    await runInSlices(precheckSteps(document, fresh, false, undefined, { ask: ask }), new ScanClock());
    expect(ask.asked).toHaveLength(2);
  });

  it('takes the answer as given: a page the answer says nothing of plans about ends, whatever its words', async () => {
    page(ACCOUNT);
    const ask = counting(says({ plans: false, needed: false, survey: false }));
    expect((await runInSlices(precheckSteps(document, newLexicon(), false, undefined, { ask: ask }), new ScanClock())).measure).toBe(false);
  });

  it('measures a page the answer says is about plans, with its own lexicon made ready for the rest of the scan', async () => {
    page(ACCOUNT, 'Account');
    const lexicon = newLexicon();
    const ask = fromBackground();
    const pre = await runInSlices(precheckSteps(document, lexicon, false, undefined, { ask: ask }), new ScanClock());
    expect(ask.asked).toHaveLength(1);
    expect(pre.measure).toBe(true);
    expect(pre.text).toBe(runAtOnce(precheckSteps(document, background, false)).text);
    expect(lexicon.prepared).toBe(true);
  });

  it('asks what the first answers leave open: a page with words about plans, but none a finding needs, has its labels asked about', async () => {
    // "Stay" and "Go premium" speak of plans; nothing here is an exit, an account or a renewal; the labels decide.
    page('<p>Stay for the market.</p><a href="#p">Go premium</a><button aria-label="Cancel your subscription">×</button>', 'Market day');
    const lexicon = newLexicon();
    const ask = fromBackground();
    const pre = await runInSlices(precheckSteps(document, lexicon, false, undefined, { ask: ask }), new ScanClock());
    expect(ask.asked).toEqual(['Market day | Stay for th: plans needed survey', '\nCancel your subscriptio: needed']);
    expect(pre.measure).toBe(true);
    expect(lexicon.prepared).toBe(true);
    expect(runAtOnce(precheckSteps(document, background, false)).measure).toBe(true);
    // Without the label, the second answer ends the page, still without filling the page's lexicon.
    document.querySelector('button')!.remove();
    const again = newLexicon();
    expect((await runInSlices(precheckSteps(document, again, false, undefined, { ask: ask }), new ScanClock())).measure).toBe(false);
    expect(again.prepared).toBe(false);
    expect(runAtOnce(precheckSteps(document, background, false)).measure).toBe(false);
  });

  it('answers itself when no answer comes, or when run at once', async () => {
    page(ACCOUNT, 'Account, no answer');
    const none = counting(() => undefined);
    expect((await runInSlices(precheckSteps(document, newLexicon(), false, undefined, { ask: none }), new ScanClock())).measure).toBe(true);
    // Asked once: an asker that gave no answer is not asked again in the same scan.
    expect(none.asked).toHaveLength(1);
    // At once, nothing is waited for: the answer of the page's own lexicon.
    page(ACCOUNT, 'Account, at once');
    const lying = counting(says({ plans: false, needed: false, survey: false }));
    expect(runAtOnce(precheckSteps(document, newLexicon(), false, undefined, { ask: lying })).measure).toBe(true);
  });

  it('does not ask once its own lexicon is ready', async () => {
    page(NEWS, 'Local news, ready');
    const ask = fromBackground();
    runAtOnce(background.prepareSteps());
    expect((await runInSlices(precheckSteps(document, background, false, undefined, { ask: ask }), new ScanClock())).measure).toBe(false);
    expect(ask.asked).toEqual([]);
  });
});

describe("the content script's question to the background", () => {
  const QUESTIONS: Question[] = ['plans', 'needed', 'survey'];
  const ANSWER = [true, false, true];

  it('gives the answers of a well-formed reply', async () => {
    const sent: unknown[] = [];
    const ask = askBackground(async (msg) => (sent.push(msg), { ok: true, data: ANSWER })).precheck;
    expect(await ask('Your plan', QUESTIONS)).toEqual(ANSWER);
    expect(sent).toEqual([{ type: 'precheck-ask', text: 'Your plan', questions: QUESTIONS }]);
  });

  it('gives no answer for an error, a reply of the wrong shape, a stopped worker, a lost message, or a text too long to send', async () => {
    const replies: (() => Promise<unknown>)[] = [
      async () => ({ ok: false, error: 'no lexicon here' }),
      async () => ({ ok: true, data: [true, 'no', false] }),
      async () => ({ ok: true, data: [true] }),
      async () => ({ ok: true, data: { plans: true, needed: true, survey: true } }),
      async () => undefined,
      async () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
      () => new Promise(() => {}),
    ];
    for (const reply of replies) expect(await askBackground(reply, 30).precheck('Your plan', QUESTIONS)).toBeUndefined();
    let sent = 0;
    expect(await askBackground(async () => (sent++, { ok: true, data: ANSWER })).precheck('x'.repeat(ASKED_TEXT_MAX + 1), QUESTIONS)).toBeUndefined();
    expect(sent).toBe(0);
  });

  it("gives text blocks' trigger lists of a well-formed reply, and no answer for a malformed one or too much text", async () => {
    const sent: unknown[] = [];
    const texts = ['To cancel, call us.', 'Your plan renews on 3 May.'];
    const ok = askBackground(async (msg) => (sent.push(msg), { ok: true, data: [['contactRequirement'], ['renewal']] })).triggers;
    expect(await ok(texts)).toEqual([['contactRequirement'], ['renewal']]);
    expect(sent).toEqual([{ type: 'triggers-ask', texts }]);
    const replies: unknown[] = [
      { ok: true, data: [['contactRequirement']] },
      { ok: true, data: [['price'], []] },
      { ok: false, error: 'no lexicon here' },
    ];
    for (const reply of replies) expect(await askBackground(async () => reply, 30).triggers(texts)).toBeUndefined();
    let asked = 0;
    const counted = askBackground(async () => (asked++, { ok: true, data: [] })).triggers;
    expect(await counted(Array.from({ length: TRIGGER_TEXTS_MAX + 1 }, () => 'x'))).toBeUndefined();
    expect(await counted(Array.from({ length: 2 }, () => 'x'.repeat(TRIGGER_CHARS_MAX / 2 + 1)))).toBeUndefined();
    expect(asked).toBe(0);
  });

  it("gives discovery's short texts' answers of a well-formed reply, and no answer for a malformed one or too many texts", async () => {
    const sent: unknown[] = [];
    const texts = ['Upgrade to Premium', 'Read more', 'Cancel'];
    const ok = askBackground(async (msg) => (sent.push(msg), { ok: true, data: '101' })).planTexts;
    expect(await ok(texts)).toEqual([true, false, true]);
    expect(sent).toEqual([{ type: 'plan-texts-ask', texts }]);
    const replies: unknown[] = [
      { ok: true, data: '10' },
      { ok: true, data: '1x1' },
      { ok: true, data: [true, false, true] },
      { ok: false, error: 'no lexicon here' },
    ];
    for (const reply of replies) expect(await askBackground(async () => reply, 30).planTexts(texts)).toBeUndefined();
    let asked = 0;
    const counted = askBackground(async () => (asked++, { ok: true, data: '' })).planTexts;
    expect(await counted(Array.from({ length: PLAN_TEXTS_MAX + 1 }, () => 'x'))).toBeUndefined();
    expect(asked).toBe(0);
  });
});
