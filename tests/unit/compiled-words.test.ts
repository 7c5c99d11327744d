import { describe, expect, it, vi } from 'vitest';
import { shippedPieces, shippedWords, type CompiledWords } from '../../src/rules/compiled-words';
import { compiledWordsDefine, LEXICON_LISTS_GLOBAL } from '../../src/rules/compiled-words-define';
import { FIRST_LOOK_SETS } from '../../src/engine/precheck';
import { TRIGGER_SETS } from '../../src/engine/text-blocks';
import { Lexicon, squeezeText } from '../../src/rules/lexicon';
import { PHRASE_KEYS, type WordList } from '../../src/rules/word-list-schema';
import { BUNDLED_WORD_LISTS } from '../../src/rules/word-lists';
import { labelledPagesWithoutCode } from './labelled-pages';

/** The prepared data exactly as a bundle receives it (pieces of JSON in string literals), put together as the page does. */
const shipped = (): CompiledWords => shippedWords(JSON.parse(Object.values(compiledWordsDefine())[0]) as string[]);

/** Every answer the rules ask of a text, for comparing two lexicons. */
function answers(lexicon: Lexicon, text: string): string {
  const found = PHRASE_KEYS.map((k) => `${k}:${lexicon.findAll(k, text).map((m) => `${m.index}/${m.text}`)}`);
  return [...found, lexicon.classify(text.slice(0, 60)).role, lexicon.mentionsPlans(text)].join('|');
}

function texts(): string[] {
  const pages = labelledPagesWithoutCode().slice(0, 150);
  return pages.flatMap((html) =>
    html
      .replace(/<[^>]+>/g, '\n')
      .split(/\n+/)
      .map((l) => l.trim())
      .filter((l) => l.length > 1),
  );
}

describe('the word lists prepared at build time', { timeout: 60_000 }, () => {
  it('make a lexicon that answers exactly as one prepared in the page', () => {
    const inPage = new Lexicon(BUNDLED_WORD_LISTS);
    const prepared = new Lexicon(BUNDLED_WORD_LISTS, shipped());
    // Made from the shipped data, it would ship the same data again: nothing was lost on the way.
    expect(prepared.compiled()).toEqual(inPage.compiled());
    const lines = texts();
    expect(lines.length).toBeGreaterThan(2000);
    const differ = lines.filter((t) => answers(prepared, t) !== answers(inPage, t));
    expect(differ).toEqual([]);
  });

  it("give the pre-check's first look and text blocks' look the keys they would choose themselves", () => {
    const inPage = new Lexicon(BUNDLED_WORD_LISTS);
    const prepared = new Lexicon(BUNDLED_WORD_LISTS, shipped());
    // Both ship their tables too: made in the page, a look reads every piece of its lists.
    expect(shipped().looks?.map((l) => [l.key, l.gate !== undefined])).toEqual([
      [JSON.stringify(FIRST_LOOK_SETS), true],
      [JSON.stringify(TRIGGER_SETS), true],
    ]);
    expect(prepared.compiled([FIRST_LOOK_SETS, TRIGGER_SETS])).toEqual(inPage.compiled([FIRST_LOOK_SETS, TRIGGER_SETS]));
    const differ = labelledPagesWithoutCode()
      .slice(0, 150)
      .filter((html) => {
        const look = (lexicon: Lexicon) => {
          const text = squeezeText(html.replace(/<[^>]+>/g, ''));
          const l = lexicon.squeezedLook(FIRST_LOOK_SETS);
          l.add(text);
          const t = lexicon.squeezedLook(TRIGGER_SETS);
          t.add(text);
          return `${l.mayFind('plan')} ${l.mayFind('survey')} ${t.mayFind('triggers')}`;
        };
        return look(prepared) !== look(inPage);
      });
    expect(differ).toEqual([]);
  });

  it('take the lists without their phrases in a bundle, and answer as with the lists as written', () => {
    // As the bundle's define holds it: a string literal of JSON.
    const slim = JSON.parse(JSON.parse(compiledWordsDefine()[LEXICON_LISTS_GLOBAL]) as string) as WordList[];
    expect(JSON.stringify(slim)).not.toMatch(/cancel subscription|取消订阅|取消訂閱/);
    expect(slim.map((w) => w.lang)).toEqual(BUNDLED_WORD_LISTS.map((w) => w.lang));
    expect(slim[1].tiers).toEqual(BUNDLED_WORD_LISTS[1].tiers);
    const bundled = new Lexicon(slim, shipped(), { sameLists: true });
    const full = new Lexicon(BUNDLED_WORD_LISTS, shipped());
    const lines = texts();
    const differ = lines.filter((t) => answers(bundled, t) !== answers(full, t) || JSON.stringify(bundled.classify(t)) !== JSON.stringify(full.classify(t)));
    expect(differ).toEqual([]);
    // mayHave says "maybe" for a list with anchored phrases without reading the text: the build says which lists have them.
    const pages = labelledPagesWithoutCode()
      .slice(0, 150)
      .map((html) => html.replace(/<[^>]+>/g, '\n'));
    for (const key of PHRASE_KEYS) for (const page of pages.slice(0, 20)) expect(bundled.mayHave(key, page), key).toBe(full.mayHave(key, page));
    expect(PHRASE_KEYS.filter((k) => bundled.mayHave(k, 'nothing here'))).toEqual(PHRASE_KEYS.filter((k) => full.mayHave(k, 'nothing here')));
    expect(PHRASE_KEYS.some((k) => full.mayHave(k, 'nothing here'))).toBe(true);
  });

  it('are not trusted for a list whose phrases changed since: that list is prepared anew', () => {
    const stale = shipped();
    const edited: WordList[] = structuredClone(BUNDLED_WORD_LISTS);
    edited[0].phrases.renewal = [...edited[0].phrases.renewal, 'zorblax auto-continuation'];
    const text = 'Your membership has zorblax auto-continuation enabled.';
    expect(new Lexicon(BUNDLED_WORD_LISTS, stale).has('renewal', text)).toBe(false);
    const lexicon = new Lexicon(edited, stale);
    expect(lexicon.has('renewal', text)).toBe(true);
    expect(lexicon.compiled()).toEqual(new Lexicon(edited).compiled());
  });

  it('ships in pieces: the head read at once, each run of lists when first used or one per step, put together as they were', () => {
    const words = new Lexicon(BUNDLED_WORD_LISTS).compiled([FIRST_LOOK_SETS]);
    const pieces = shippedPieces(words);
    expect(pieces.length).toBeGreaterThan(4);
    const yieldsOf = (steps: Generator<void, void, void>) => {
      let n = 0;
      while (!steps.next().done) n++;
      return n;
    };
    expect(yieldsOf(shippedWords(pieces).partsSteps())).toBe(pieces.length - 1);
    // A list used before: its run is parsed already, and not again.
    const used = shippedWords(pieces);
    expect(used.matchers[0].parts).toEqual(words.matchers[0].parts);
    expect(yieldsOf(used.partsSteps())).toBe(pieces.length - 2);
    expect(yieldsOf(used.partsSteps())).toBe(0);
    const { partsSteps: _steps, ...read } = shippedWords(pieces);
    expect(read).toEqual(words);
    // A run's JSON is let go once parsed: its lists still read as shipped, asked again; the caller's pieces are left as they were.
    const copy = [...pieces];
    const stepped = shippedWords(pieces);
    yieldsOf(stepped.partsSteps());
    for (let twice = 0; twice < 2; twice++) expect(stepped.matchers.map((m) => m.parts)).toEqual(words.matchers.map((m) => m.parts));
    expect(pieces).toEqual(copy);
  });

  it("a page's first look made from the shipped data reads no list's pieces", () => {
    const pieces = JSON.parse(Object.values(compiledWordsDefine())[0]) as string[];
    const words = shippedWords(pieces);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const lexicon = new Lexicon(BUNDLED_WORD_LISTS, words, { sameLists: true });
      const look = lexicon.squeezedLook(FIRST_LOOK_SETS);
      look.add(squeezeText('The council met on Tuesday to discuss the bridge'));
      expect(look.mayFind('plan')).toBe(false);
      look.add(squeezeText('Cancel your subscription'));
      expect(look.mayFind('plan')).toBe(true);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
    // Every run is still to parse: the look read none of them.
    let runs = 0;
    for (const steps = words.partsSteps(); !steps.next().done;) runs++;
    expect(runs).toBe(pieces.length - 1);
  });

  it("ship the looks' tables packed, as the page would make them", () => {
    const [head] = JSON.parse(Object.values(compiledWordsDefine())[0]) as string[];
    const { looks } = JSON.parse(head) as CompiledWords;
    const fresh = new Lexicon(BUNDLED_WORD_LISTS).compiled([FIRST_LOOK_SETS, TRIGGER_SETS], [FIRST_LOOK_SETS, TRIGGER_SETS]).looks!;
    expect(looks).toEqual(fresh);
    for (const { gate, offsets } of looks!) {
      const tables = gate!.tables;
      expect(offsets).toBeUndefined();
      expect(tables.ends[2]).toBeGreaterThan(2000);
      // Packed: three bytes of key, one of slot (fewer than 256 slots) and one of offset per literal, three per gate pair.
      expect(tables.widths).toEqual([1, 1]);
      expect(tables.packed.length).toBe(Math.ceil((5 * tables.ends[2] + 3 * tables.gates) / 3) * 4);
    }
  });
});
