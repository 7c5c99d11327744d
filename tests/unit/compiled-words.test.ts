import { describe, expect, it } from 'vitest';
import { parsePiecesSteps, shippedPieces, type CompiledWords } from '../../src/rules/compiled-words';
import { runAtOnce } from '../../src/engine/scan-timing';
import { compiledWordsDefine } from '../../src/rules/compiled-words-define';
import { FIRST_LOOK_SETS } from '../../src/engine/precheck';
import { TRIGGER_SETS } from '../../src/engine/text-blocks';
import { Lexicon, squeezeText } from '../../src/rules/lexicon';
import { PHRASE_KEYS, type WordList } from '../../src/rules/word-list-schema';
import { BUNDLED_WORD_LISTS } from '../../src/rules/word-lists';
import { labelledPagesWithoutCode } from './labelled-pages';

/** The prepared data exactly as a bundle receives it (pieces of JSON in string literals), put together as the page does. */
const shipped = (): CompiledWords => runAtOnce(parsePiecesSteps(JSON.parse(Object.values(compiledWordsDefine())[0]) as string[]));

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
    expect(shipped().looks?.map((l) => l.key)).toEqual([JSON.stringify(FIRST_LOOK_SETS), JSON.stringify(TRIGGER_SETS)]);
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

  it('ships in pieces that a page parses one per step and puts together as they were', () => {
    const words = new Lexicon(BUNDLED_WORD_LISTS).compiled([FIRST_LOOK_SETS]);
    const pieces = shippedPieces(words);
    expect(pieces.length).toBeGreaterThan(4);
    const steps = parsePiecesSteps(pieces);
    let yields = 0;
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) {
        expect(r.value).toEqual(words);
        break;
      }
      yields++;
    }
    expect(yields).toBe(pieces.length - 1);
  });
});
