/**
 * Build side (never bundled): the `define` that ships the bundled word lists' prepared matchers in a
 * bundle. Used by wxt.config.ts and by the tests and scripts that bundle the engine themselves.
 */
import { FIRST_LOOK_SETS } from '../engine/precheck';
import { TRIGGER_SETS } from '../engine/text-blocks';
import { COMPILED_WORDS_GLOBAL, shippedPieces } from './compiled-words';
import { Lexicon } from './lexicon';
import { BUNDLED_WORD_LISTS } from './word-lists';
import { PHRASE_KEYS, type WordList } from './word-list-schema';

export function compiledWordsDefine(): Record<string, string> {
  // JSON in string literals, parsed in the page: evaluating it as an object literal took 30-35 ms of every page's first scan.
  // The looks' keys too: the pre-check's first look, and text blocks' look at a block's whole text (choosing
  // the latter's keys in the page took 20-40 ms of the first scan of every page that is measured, in one step).
  // And the looks' tables themselves: made in the page, a look reads every piece of its lists and keeps
  // only the fragments its slots need (7-11 ms of an ordinary page's first scan for the first look; leaving
  // out the fragments that hold another took 20 ms and more of one step for text blocks' look).
  const looks = [FIRST_LOOK_SETS, TRIGGER_SETS];
  return {
    [COMPILED_WORDS_GLOBAL]: JSON.stringify(shippedPieces(new Lexicon(BUNDLED_WORD_LISTS).compiled(looks, looks))),
    [LEXICON_LISTS_GLOBAL]: JSON.stringify(JSON.stringify(BUNDLED_WORD_LISTS.map(withoutPhrases))),
  };
}

/** The name the build defines to the lists without their phrases (word-lists.ts). */
export const LEXICON_LISTS_GLOBAL = '__FAIR_EXIT_LEXICON_LISTS__';

/** A list as a bundle's lexicon takes it: its phrases are in the prepared matchers, the rest (dismissals, tiers, combinations) as it is. */
function withoutPhrases(w: WordList): WordList {
  const { note: _note, ...rest } = w;
  const none = (): string[] => [];
  return {
    ...rest,
    roles: { upgrade: none(), retain: none(), downgrade: none(), cancel: none() },
    other: none(),
    manage: none(),
    phrases: Object.fromEntries(PHRASE_KEYS.map((k) => [k, none()])) as WordList['phrases'],
  };
}
