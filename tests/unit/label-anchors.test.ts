import { describe, expect, it } from 'vitest';
import { Lexicon } from '../../src/rules/lexicon';
import { hasAnchor, relaxAnchors } from '../../src/rules/label-anchors';
import { PHRASE_KEYS, type PhraseKey, type WordList } from '../../src/rules/word-list-schema';
import { BUNDLED_WORD_LISTS, bundledLexicon } from '../../src/rules/word-lists';
import { articlePage } from '../../bench/pages';
import { labelledPagesWithoutCode } from './labelled-pages';

type ListName = PhraseKey | 'upgrade' | 'retain' | 'downgrade' | 'cancel' | 'manage';
/** The lists the pre-check reads (src/engine/precheck.ts). */
const PRECHECK: ListName[] = [
  ...(['upgrade', 'retain', 'downgrade', 'cancel', 'manage', 'renewal', 'accountContext', 'confirmshaming', 'lossFraming', 'checkoutContext'] as const),
  ...(['contactRequirement', 'restrictedWindow', 'delayedEffect', 'immediateEffect', 'effectNow', 'urgency'] as const),
];

function lexiconWith(downgrade: string[]): Lexicon {
  const phrases = Object.fromEntries(PHRASE_KEYS.map((k) => [k, [] as string[]])) as WordList['phrases'];
  return new Lexicon([{ lang: 'en', roles: { upgrade: [], retain: [], downgrade, cancel: [] }, other: [], dismiss: [], manage: [], phrases }]);
}

/**
 * Whether, at any line start, a label it may begin (the line, read on over up to three more, or its
 * first 200 characters) has a phrase of the lists that needs the label's start (not found with a
 * character before it). The definition, read at every line.
 */
function byEveryLine(lexicon: Lexicon, lists: ListName[], text: string): boolean {
  const has = (label: string) => lexicon.mentionsAny(lists, label) && !lexicon.mentionsAny(lists, `\u0000${label}`);
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; offset += lines[i].length + 1, i++) {
    const s = offset + (lines[i].length - lines[i].trimStart().length);
    let end = offset + lines[i].length;
    for (let k = 0; k < 4 && end - s <= 200; k++) {
      if (has(text.slice(s, end))) return true;
      if (i + k + 1 >= lines.length) break;
      end += 1 + lines[i + k + 1].length;
    }
    if (has(text.slice(s, s + 200))) return true;
  }
  return false;
}

describe("phrases that need a label's start or end, read in a page's whole text", { timeout: 120_000 }, () => {
  it('finds a label at the start of any node, alone or over the next nodes', () => {
    const lexicon = bundledLexicon();
    // "Cancel Ride Pass" is a cancel label only at the start of a text (en.json: ^cancel … pass).
    const page = 'Zipline\nRide history\nUpgrade to Monthly Unlimited\nCancel Ride Pass\nTerms';
    expect(lexicon.mentionsAny(['cancel'], page)).toBe(false);
    expect(lexicon.mentionsAnyAsLabel(['cancel'], page)).toBe(true);
    expect(lexicon.mentionsAnyAsLabel(['cancel'], 'Zipline\n  Cancel\nRide Pass\nTerms')).toBe(true);
    // Read wherever a node may begin, not only where one does: a sentence may say "maybe" too (the pre-check then measures the page).
    expect(lexicon.mentionsAnyAsLabel(['cancel'], 'Zipline\nTo cancel your ride pass, call us\nTerms')).toBe(true);
    expect(lexicon.mentionsAnyAsLabel(['cancel'], 'Zipline\nNo cancellation fees for ride passes\nTerms')).toBe(false);
    // Chinese: the space of a joint between two characters is compacted away ("停用加值服務" is a cancel label at its start).
    expect(lexicon.mentionsAny(['cancel'], '帳戶總覽\n停用加值服務')).toBe(false);
    expect(lexicon.mentionsAnyAsLabel(['cancel'], '帳戶總覽\n停用加值服務')).toBe(true);
  });

  it('reads a pattern that must also end the label where a node may end', () => {
    const lexicon = lexiconWith(['re:^(go|switch) back to (solo|single)$']);
    expect(lexicon.mentionsAnyAsLabel(['downgrade'], 'Home\nGo back to solo\nHelp')).toBe(true);
    expect(lexicon.mentionsAnyAsLabel(['downgrade'], 'Home\nGo back\nto solo\nHelp')).toBe(true);
    expect(lexicon.mentionsAnyAsLabel(['downgrade'], 'Home\n\t Ｇｏ back to ＳＯＬＯ\nHelp')).toBe(true);
    expect(lexicon.mentionsAnyAsLabel(['downgrade'], 'Home\nWe go back to solos\nHelp')).toBe(false);
    expect(lexicon.mentionsAnyAsLabel(['downgrade'], 'Home\nGo back to solo-trips soon')).toBe(false);
  });

  it('reads no negative lookahead past the label: "Choose <b>Change plan</b> to pick a smaller plan"', () => {
    const lexicon = bundledLexicon();
    expect(lexicon.classify('Choose Change plan').role).toBe('upgrade');
    expect(lexicon.mentionsAnyAsLabel(['upgrade'], 'Open Settings\nChoose \nChange plan\n to pick a smaller or larger plan')).toBe(true);
    // A "(?!" inside a character class is no lookahead: the class is kept whole.
    expect(relaxAnchors('^cancel[(?!]x(?!y)$')).toBe('(?<![^ \\u3400-\\u9fff])cancel[(?!]x(?![^ \\u3400-\\u9fff])');
  });

  it('finds every label at a line start that holds such a phrase, on every labelled page', () => {
    const lexicon = bundledLexicon();
    const missed: string[] = [];
    let found = 0;
    // Every fourth page: reading every line is slow.
    const pages = labelledPagesWithoutCode().filter((_, i) => i % 4 === 0);
    for (const html of pages) {
      const text = html
        .split(/<[^>]+>/)
        .filter((t) => /\S/.test(t))
        .join('\n');
      for (const lists of [PRECHECK, ...PRECHECK.map((k) => [k])]) {
        // What the whole text has, the pre-check has found already.
        if (lexicon.mentionsAny(lists, text) || !byEveryLine(lexicon, lists, text)) continue;
        found++;
        if (!lexicon.mentionsAnyAsLabel(lists, text)) missed.push(`${lists.join()}: ${text.slice(0, 60)}`);
      }
    }
    expect(missed).toEqual([]);
    expect(found).toBeGreaterThan(3);
  });

  it("says no on ordinary pages (the bench's article: nothing about plans)", () => {
    const lexicon = bundledLexicon();
    const text = articlePage('article', 3000)
      .html.split(/<[^>]+>/)
      .filter((t) => /\S/.test(t))
      .join('\n');
    expect(lexicon.mentionsAnyAsLabel(PRECHECK, text)).toBe(false);
  });
});

describe('hasAnchor', () => {
  const relaxes = (source: string) => relaxAnchors(source) !== source;

  it('says whether relaxAnchors would change a pattern, for every string of anchors, classes and escapes up to six characters', () => {
    const alphabet = ['^', '$', '[', ']', '\\', 'a'];
    let strings = [''];
    for (let length = 1; length <= 6; length++) {
      strings = strings.flatMap((s) => alphabet.map((c) => s + c));
      for (const s of strings) if (hasAnchor(s) !== relaxes(s)) expect.fail(`hasAnchor(${JSON.stringify(s)}) is ${hasAnchor(s)}`);
    }
  });

  it('says so for every phrase of the bundled word lists', () => {
    const phrases = BUNDLED_WORD_LISTS.flatMap((l) => [...Object.values(l.roles).flat(), ...l.manage, ...l.other, ...Object.values(l.phrases).flat()]).map((p) =>
      p.startsWith('re:') ? p.slice(3) : p,
    );
    expect(phrases.filter((p) => hasAnchor(p)).length).toBeGreaterThan(10);
    for (const p of phrases) expect(hasAnchor(p), p).toBe(relaxes(p));
  });
});
