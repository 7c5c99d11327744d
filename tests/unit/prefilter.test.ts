import { describe, expect, it } from 'vitest';
import { Lexicon, normalizeText } from '../../src/rules/lexicon';
import { LiteralScan, requiredFragments, type Fragment } from '../../src/rules/prefilter';
import { PHRASE_KEYS, type PhraseKey, type WordList } from '../../src/rules/word-list-schema';
import { BUNDLED_WORD_LISTS } from '../../src/rules/word-lists';
import { labelledPagesWithoutCode } from './labelled-pages';
import { NEEDED, PLAN_WORDS } from '../../src/engine/precheck-question';

/** The text of every labelled page, roughly as the scan reads it (tags dropped, one block per line). */
function pageTexts(): string[] {
  return labelledPagesWithoutCode().map((html) => html.replace(/<[^>]+>/g, '\n'));
}
/** The fragments of a pattern, one at the start of the text written with a leading ^. */
const requiredLiterals = (pattern: string) => requiredFragments(pattern)?.map((f) => (f.atStart ? `^${f.text}` : f.text)) ?? null;
const anywhere = (...texts: string[]): Fragment[] => texts.map((text) => ({ text, atStart: false }));

/** As the lexicon matches text: normalised, no space between two Chinese characters. */
const compacted = (t: string) => normalizeText(t).replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/gu, '');

// These read every labelled page (tests/fixtures, validation/): seconds on a loaded machine.
describe('prefilter: the fragments every match of a pattern holds', { timeout: 30_000 }, () => {
  it('takes the longest run of plain characters, and never one an optional part can leave out', () => {
    expect(requiredLiterals('cancel')).toEqual(['cancel']);
    expect(requiredLiterals('\\bcolou?r scheme\\b')).toEqual(['r scheme']);
    expect(requiredLiterals('(my |your )?plan')).toEqual(['plan']);
    expect(requiredLiterals('[a-z]+ing\\b')).toEqual(['ing']);
    expect(requiredLiterals('ab+c')).toEqual(['bc']);
    expect(requiredLiterals('x*yz')).toEqual(['yz']);
    expect(requiredLiterals('ab{0,2}cd')).toEqual(['cd']);
  });

  it('gives every branch of an alternation, and multiplies out plain groups', () => {
    expect(requiredLiterals('upgrade|go pro')).toEqual(['upgrade', 'go pro']);
    expect(requiredLiterals('get (premium|pro)\\b')).toEqual(['get premium', 'get pro']);
    expect(requiredLiterals('(^|立即|马上)续约')).toEqual(['续约', '立即续约', '马上续约']);
    expect(requiredLiterals('[✗✘]\\s*no')).toEqual(['no']);
    expect(requiredLiterals('[✗✘]x')).toEqual(['✗x', '✘x']);
    expect(requiredLiterals('不(再)?续(费|订|约)')).toEqual(['续费', '续订', '续约']);
  });

  it('knows a fragment that a pattern anchored with ^ must begin with', () => {
    expect(requiredLiterals('^(get|try) (my )?plan')).toEqual(['^get ', '^try ']);
    expect(requiredLiterals('^買\\s?(?:vip|pro)')).toEqual(['^買']);
    expect(requiredLiterals('^to\\b|\\bcall\\b')).toEqual(['^to', 'call']);
    // Only a ^ that begins the whole pattern anchors: inside a group it may be one branch of several.
    expect(requiredLiterals('(^|立即)续约')).toEqual(['续约', '立即续约']);
    expect(requiredLiterals('a^b')).toEqual(['ab']);
  });

  it('reads what a positive look-around must see, and ignores a negative one', () => {
    expect(requiredLiterals('(?<!un)saved\\b')).toEqual(['saved']);
    expect(requiredLiterals('(?!.*free)(?=.*(renews|billed))')).toEqual(['renews', 'billed']);
    expect(requiredLiterals('(?=x)ab')).toEqual(['ab']);
  });

  it('has none when a pattern can match without any plain character, or uses syntax it does not read', () => {
    expect(requiredLiterals('\\d+')).toBeNull();
    expect(requiredLiterals('(?!x).*')).toBeNull();
    expect(requiredLiterals('a|\\d')).toBeNull();
    expect(requiredLiterals('(ab)?')).toBeNull();
    expect(requiredLiterals('[^x]y?')).toBeNull();
    expect(requiredLiterals('(?i:cancel)')).toBeNull();
    expect(requiredLiterals('\\p{L}+')).toBeNull();
    expect(requiredLiterals('(a)\\1')).toEqual(['a']);
  });

  it('every bundled pattern that matches a labelled page holds one of its fragments there', () => {
    const texts = pageTexts().map(compacted);
    const patterns = new Set(
      BUNDLED_WORD_LISTS.flatMap((w) => [...Object.values(w.roles), w.other, w.manage, ...Object.values(w.phrases)].flat()).filter((p) => p.startsWith('re:')),
    );
    let matched = 0;
    for (const p of patterns) {
      const fragments = requiredFragments(p.slice(3));
      if (!fragments) continue;
      const re = new RegExp(p.slice(3), 'u');
      for (const t of [...texts, ...texts.flatMap((x) => x.split('\n'))]) {
        if (!re.test(t)) continue;
        matched++;
        expect(
          fragments.some((f) => (f.atStart ? t.startsWith(f.text) : t.includes(f.text))),
          p,
        ).toBe(true);
      }
    }
    // The pages exercise the patterns: the check above is not vacuous.
    expect(matched).toBeGreaterThan(200);
  });
});

describe('prefilter: one pass over a text for the fragments of many lists', () => {
  it('finds fragments anywhere in the text, of any length, for each list apart', () => {
    const scan = new LiteralScan([anywhere('cancel'), anywhere('取消', '退订'), anywhere('@'), null, anywhere('ab', 'zzz'), [{ text: 'to', atStart: true }]]);
    expect([...scan.present('please cancel')]).toEqual([1, 0, 0, 1, 0, 0]);
    expect([...scan.present('cancel it')]).toEqual([1, 0, 0, 1, 0, 0]);
    expect([...scan.present('我要退订')]).toEqual([0, 1, 0, 1, 0, 0]);
    expect([...scan.present('a@b')]).toEqual([0, 0, 1, 1, 0, 0]);
    expect([...scan.present('ab')]).toEqual([0, 0, 0, 1, 1, 0]);
    expect([...scan.present('xzzz')]).toEqual([0, 0, 0, 1, 1, 0]);
    expect([...scan.present('cance l')]).toEqual([0, 0, 0, 1, 0, 0]);
    expect([...scan.present('')]).toEqual([0, 0, 0, 1, 0, 0]);
    expect([...scan.present('to cancel')]).toEqual([1, 0, 0, 1, 0, 1]);
    expect([...scan.present('go to')]).toEqual([0, 0, 0, 1, 0, 0]);
    // Fragments not at the start may come as strings (the shipped looks' slots): the same answers.
    const asStrings = new LiteralScan([['cancel'], ['取消', '退订'], ['@'], null, ['ab', 'zzz'], [{ text: 'to', atStart: true }], ['']]);
    for (const text of ['please cancel', '我要退订', 'a@b', 'xzzz', 'cance l', '', 'to cancel', 'go to']) {
      expect([...asStrings.present(text)]).toEqual([...scan.present(text), 1]);
    }
  });

  it("filled in steps (a page's first scan), or at once when asked before the steps end, it answers the same", () => {
    // Thousands of fragments over a few slots: the tables are filled over several steps.
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
    const slots = [anywhere(...words.slice(0, 2500)), anywhere(...words.slice(2500)), anywhere('取消'), [{ text: 'to', atStart: true }]];
    const texts = ['a w1x b', `say ${words[4999]}`, '我要取消', 'to go', 'nothing here'];
    const atOnce = new LiteralScan(slots);
    const expected = texts.map((t) => [...atOnce.present(t)]);
    const stepped = new LiteralScan(slots);
    let steps = 0;
    for (const _ of stepped.fillSteps()) steps++;
    expect(steps).toBeGreaterThan(2);
    expect(texts.map((t) => [...stepped.present(t)])).toEqual(expected);
    // Asked halfway through its steps: the rest is filled first; the steps then end at once.
    const halfway = new LiteralScan(slots);
    const filling = halfway.fillSteps();
    filling.next();
    expect(texts.map((t) => [...halfway.present(t)])).toEqual(expected);
    expect(filling.next().done).toBe(true);
    expect(expected[1]).toEqual([0, 1, 0, 0]);
  });
});

describe('prefilter: look-up sets sized to the keys they hold', () => {
  it('with a handful of keys (sets of a few words, hashes sharing their bits) it marks exactly the slots whose fragments are in the text', () => {
    // Keys of one to four characters and longer, some of them sharing characters, over a small alphabet:
    // random texts of its letters hold some fragments and miss others by a character.
    const fragments = [['abcd', 'bcda'], ['abc', 'cab'], ['ab'], ['取消订阅'], ['d'], ['dcbaab', 'cc'], ['订阅']];
    const scan = new LiteralScan(fragments.map((f) => anywhere(...f)));
    const letters = 'abcd取消订阅 ';
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % letters.length;
    let marked = 0;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + (i % 12) }, () => letters[next()]).join('');
      const expected = fragments.map((f) => (f.some((frag) => text.includes(frag)) ? 1 : 0));
      expect([...scan.present(text)], text).toEqual(expected);
      marked += expected.reduce((a: number, b) => a + b, 0);
    }
    // Both answers are common among these texts: the check is not vacuous.
    expect(marked).toBeGreaterThan(1000);
    expect(marked).toBeLessThan(2000 * fragments.length - 1000);
  });
});

describe('prefilter: answers for many texts in turn', () => {
  it('keeps each answer as it was given, whether its text marked nothing or something, however many come after', () => {
    const scan = new LiteralScan([anywhere('cancel'), null, anywhere('取消'), anywhere('ab', 'zzz')]);
    const texts = Array.from({ length: 700 }, (_, i) => [`row ${i} cancel`, `row ${i}`, `取消 ${i}`, `x${i}zzz`, `plain ${i}`][i % 5]);
    const expected = (t: string) => [t.includes('cancel') ? 1 : 0, 1, t.includes('取消') ? 1 : 0, t.includes('ab') || t.includes('zzz') ? 1 : 0];
    // Every answer is held (as a caller may hold one) while the later ones are made: none changes.
    const answers = texts.map((t) => scan.present(t));
    texts.forEach((t, i) => expect([...answers[i]], t).toEqual(expected(t)));
    expect(answers.filter((a) => !a.has(0) && !a.has(2) && !a.has(3)).length).toBeGreaterThan(200);
  });

  it('answers alike for a text that marks a few slots and one that marks many (a table of its own past a few dozen)', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${String(i).padStart(2, '0')}x`);
    const scan = new LiteralScan([...words.map((w) => anywhere(w)), null]);
    for (const count of [0, 1, 10, 24, 25, 30, 60]) {
      const chosen = words.filter((_, i) => (i * 7) % 60 < count);
      const answer = scan.present(`start ${chosen.join(' ')} end`);
      const expected = [...words.map((w) => (chosen.includes(w) ? 1 : 0)), 1];
      expect([...answer], `${count} marked`).toEqual(expected);
      expect(
        answer.slots().sort((a, b) => a - b),
        `${count} marked`,
      ).toEqual(expected.flatMap((v, i) => (v === 1 ? [i] : [])));
    }
  });
});

describe('prefilter: a long text in pieces', () => {
  it("answers as one pass, with fragments across the pieces and at the text's start", () => {
    const slots = [anywhere('cancel'), anywhere('取消', '退订'), anywhere('@'), null, anywhere('ab', 'zzz'), [{ text: 'to', atStart: true }]];
    const texts = ['to cancel it', 'please cancel', 'xzzz and 我要退订', 'a@b', 'go to ab', 'cance l', ''];
    const once = new LiteralScan(slots);
    for (const text of texts) {
      const expected = [...once.present(text)];
      // Pieces of 1 to 5 characters: every fragment above crosses a joint in some of them.
      for (let piece = 1; piece <= 5; piece++) {
        const stepped = new LiteralScan(slots);
        const steps = stepped.presentSteps(text, piece);
        let r = steps.next();
        let yields = 0;
        while (!r.done) {
          yields++;
          r = steps.next();
        }
        expect([...r.value], `${text} in pieces of ${piece}`).toEqual(expected);
        expect(yields).toBeGreaterThanOrEqual(Math.ceil(text.length / piece));
        // Kept: asked again, the same answer at once.
        expect([...stepped.present(text)]).toEqual(expected);
      }
    }
    expect([...once.present('to cancel it')]).toEqual([1, 0, 0, 1, 0, 1]);
  });
});

describe('prefilter: the word lists answer exactly as without it', { timeout: 30_000 }, () => {
  it('a phrase is found through the parts a pattern may leave out or choose between', () => {
    const phrases = Object.fromEntries(PHRASE_KEYS.map((k) => [k, [] as string[]])) as WordList['phrases'];
    phrases.renewal = ['re:\\b(auto-?)?renews? (every|each) (month|year)', 're:^[✓✔] ?billed', 're:(?<!not )charged (again )?on'];
    phrases.urgency = ['re:\\d+:\\d{2} left'];
    const lex = new Lexicon([{ lang: 'en', roles: { upgrade: [], retain: [], downgrade: [], cancel: [] }, other: [], dismiss: [], manage: [], phrases }]);
    for (const text of ['Renews every month', 'auto-renew each year', 'autorenews every year', '✔ billed yearly', '✓billed', 'charged on 1 May', 'charged again on 1 May'])
      expect(lex.has('renewal', text), text).toBe(true);
    for (const text of ['renewal every month', 'billed ✔', 'not charged on 1 May', 'renews monthly']) expect(lex.has('renewal', text), text).toBe(false);
    expect(lex.find('urgency', 'only 4:59 left')?.text).toBe('4:59 left');
  });

  it('every list finds the same phrases, at the same places, on every labelled page and its lines', () => {
    const withFilter = new Lexicon(BUNDLED_WORD_LISTS);
    const without = new Lexicon(BUNDLED_WORD_LISTS);
    for (const m of (without as unknown as { matchers: { hits: unknown }[] }).matchers) m.hits = () => null;
    const pages = pageTexts();
    const lines = [...new Set(pages.flatMap((p) => p.split('\n')).map((l) => l.trim()))].filter((l) => l && l.length < 300);
    for (const page of pages) {
      for (const key of PHRASE_KEYS) expect(withFilter.find(key, page), key).toEqual(without.find(key, page));
      for (const key of ['renewal', 'urgency', 'lossFraming'] as const) expect(withFilter.findAll(key, page), key).toEqual(without.findAll(key, page));
      expect(withFilter.mentionsPlans(page)).toBe(without.mentionsPlans(page));
    }
    const keys: PhraseKey[] = ['confirmshaming', 'renewal', 'lossFraming', 'delayedEffect', 'contactRequirement', 'exitAction'];
    for (const line of lines) {
      expect(withFilter.classify(line), line).toEqual(without.classify(line));
      expect(withFilter.isPlanLabel(line), line).toBe(without.isPlanLabel(line));
      expect(withFilter.listsIn(keys, line), line).toEqual(without.listsIn(keys, line));
      expect(withFilter.affirms('selfService', line), line).toBe(without.affirms('selfService', line));
    }
    expect(lines.length).toBeGreaterThan(1000);
  }, 120_000);

  it("the pre-check's lists asked in steps answer as asked at once, on every labelled page", () => {
    const atOnce = new Lexicon(BUNDLED_WORD_LISTS);
    const stepped = new Lexicon(BUNDLED_WORD_LISTS);
    const answers = { yes: 0, no: 0 };
    for (const page of pageTexts()) {
      for (const lists of [PLAN_WORDS, NEEDED, ['upgrade', 'retain'] as const]) {
        const expected = atOnce.mentionsAny([...lists], page) || atOnce.mentionsAnyAsLabel([...lists], page);
        const steps = stepped.mentionsAnyOrAsLabelSteps([...lists], page);
        let r = steps.next();
        while (!r.done) r = steps.next();
        expect(r.value, lists.join()).toBe(expected);
        answers[expected ? 'yes' : 'no']++;
      }
    }
    // Both answers are asked for.
    expect(answers.yes).toBeGreaterThan(100);
    expect(answers.no).toBeGreaterThan(20);
  }, 120_000);
});
