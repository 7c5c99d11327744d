import { describe, expect, it } from 'vitest';
import { Lexicon, squeezeText } from '../../src/rules/lexicon';
import { PHRASE_KEYS, type PhraseKey, type WordList } from '../../src/rules/word-list-schema';
import { BUNDLED_WORD_LISTS, bundledLexicon } from '../../src/rules/word-lists';
import { labelledPagesWithoutCode } from './labelled-pages';

/** The lists the pre-check's first look reads (src/engine/precheck.ts). */
const FIRST_LOOK = [
  ...['upgrade', 'retain', 'downgrade', 'cancel', 'manage', 'renewal', 'accountContext', 'confirmshaming', 'lossFraming', 'exitSurvey', 'checkoutContext'],
  ...['contactRequirement', 'restrictedWindow', 'delayedEffect', 'immediateEffect', 'effectNow', 'urgency'],
] as const;

/** Each labelled page's text nodes, roughly (tags dropped, a node per piece of text between tags). */
function pageNodes(): string[][] {
  return labelledPagesWithoutCode({ all: true }).map((html) => html.split(/<[^>]+>/).filter((t) => /\S/.test(t)));
}

/** The first look over nodes joined with nothing between them, cut into pieces of `per` nodes. */
type ListName = PhraseKey | 'upgrade' | 'retain' | 'downgrade' | 'cancel' | 'manage';
function looks(lexicon: Lexicon, lists: readonly ListName[], nodes: string[], per: number): boolean {
  const look = lexicon.squeezedLook({ lists });
  for (let i = 0; i < nodes.length; i += per) look.add(squeezeText(nodes.slice(i, i + per).join('')));
  return look.mayFind('lists');
}
/** One list alone, one piece after another: whether it may be found after each. */
function pieceByPiece(lexicon: Lexicon, key: ListName, pieces: string[]): boolean[] {
  const look = lexicon.squeezedLook({ key: [key] });
  return pieces.map((p) => {
    look.add(squeezeText(p));
    return look.mayFind('key');
  });
}

describe('the squeezed look (the first look of the pre-check)', { timeout: 60_000 }, () => {
  it('reads text as the lexicon does, without its spaces', () => {
    expect(squeezeText(' Your Plan\n\tRenews  ')).toBe('yourplanrenews');
    expect(squeezeText('Don’t ＣＡＮＣＥＬ')).toBe("don'tcancel");
    expect(squeezeText('取消 订阅')).toBe('取消订阅');
  });

  it('finds a phrase split over nodes and pieces, with or without a space at the joint', () => {
    const lexicon = bundledLexicon();
    expect(pieceByPiece(lexicon, 'cancel', ['The council met. Can', 'cel subscription'])).toEqual([false, true]);
    expect(looks(lexicon, ['cancel'], ['The council met on Tuesday', 'to discuss the bridge'], 1)).toBe(false);
  });

  it('looks for a phrase that must begin a label by fragments it holds wherever it begins', () => {
    const phrases = Object.fromEntries(PHRASE_KEYS.map((k) => [k, [] as string[]])) as WordList['phrases'];
    const lexicon = new Lexicon([
      { lang: 'en', roles: { upgrade: [], retain: [], downgrade: ['re:^(go|switch) (back )?to (the )?(solo|single)$'], cancel: [] }, other: [], dismiss: [], manage: [], phrases },
    ]);
    // "ago", "going": "go" is everywhere in squeezed English, "solo" or "single" is not.
    expect(looks(lexicon, ['downgrade'], ['Posted 5 min ago', 'going to the basics'], 1)).toBe(false);
    // Every match holds "go" or "switch" and "solo" or "single": one of each is needed.
    expect(looks(lexicon, ['downgrade'], ['A solo trip', 'to the lake'], 1)).toBe(false);
    // A label that begins a node, anywhere in the page: the pre-check reads it at its line (mentionsAnyAsLabel).
    expect(looks(lexicon, ['downgrade'], ['Posted 5 min ago', 'Go back to solo'], 1)).toBe(true);
    expect(pieceByPiece(lexicon, 'downgrade', ['G', 'o back', ' to so', 'lo'])).toEqual([false, false, false, true]);
  });

  it('says "maybe" wherever the lexicon finds a list in the text read node by node (every labelled page)', () => {
    const lexicon = bundledLexicon();
    const missed: string[] = [];
    let found = 0;
    let clear = 0;
    for (const nodes of pageNodes()) {
      // As the walk joins them: a newline between nodes.
      const text = nodes.join('\n');
      for (const key of FIRST_LOOK) {
        if (!lexicon.mentionsAny([key], text) && !lexicon.mentionsAnyAsLabel([key], text)) continue;
        found++;
        for (const per of [1, 7, 1000]) if (!looks(lexicon, [key], nodes, per)) missed.push(`${key}: ${text.slice(0, 60)}`);
      }
      if (!looks(lexicon, FIRST_LOOK.slice(0, 10), nodes, 5)) clear++;
    }
    expect(missed).toEqual([]);
    expect(found).toBeGreaterThan(1000);
    // Some pages say nothing of plans at all (nor of an exit survey): the look does clear them.
    expect(clear).toBeGreaterThan(0);
  });

  it('says "maybe" for every phrase of the lists, split anywhere', () => {
    const lexicon = bundledLexicon();
    const missed: string[] = [];
    for (const list of BUNDLED_WORD_LISTS)
      for (const key of FIRST_LOOK) {
        const phrases = key in list.roles ? list.roles[key as keyof typeof list.roles] : key === 'manage' ? list.manage : list.phrases[key as PhraseKey];
        for (const phrase of phrases) {
          if (phrase.startsWith('re:') || phrase.startsWith('^') || !lexicon.mentionsAny([key], phrase)) continue;
          for (let cut = 1; cut < phrase.length; cut += 3)
            if (!pieceByPiece(lexicon, key, [phrase.slice(0, cut), phrase.slice(cut)])[1]) missed.push(`${key}: ${phrase} at ${cut}`);
        }
      }
    expect(missed).toEqual([]);
  });
});
