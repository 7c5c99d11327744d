/**
 * Build side (never bundled): the `define` that ships the bundled word lists' prepared matchers in a
 * bundle. Used by wxt.config.ts and by the tests and scripts that bundle the engine themselves.
 */
import { FIRST_LOOK_SETS } from '../engine/precheck';
import { TRIGGER_SETS } from '../engine/text-blocks';
import { COMPILED_WORDS_GLOBAL, shippedPieces } from './compiled-words';
import { Lexicon } from './lexicon';
import { BUNDLED_WORD_LISTS } from './word-lists';

export function compiledWordsDefine(): Record<string, string> {
  // JSON in string literals, parsed in the page: evaluating it as an object literal took 30-35 ms of every page's first scan.
  // The looks' keys too: the pre-check's first look, and text blocks' look at a block's whole text (choosing
  // the latter's keys in the page took 20-40 ms of the first scan of every page that is measured, in one step).
  // And the looks' tables themselves: made in the page, a look reads every piece of its lists and keeps
  // only the fragments its slots need (7-11 ms of an ordinary page's first scan for the first look; leaving
  // out the fragments that hold another took 20 ms and more of one step for text blocks' look).
  const looks = [FIRST_LOOK_SETS, TRIGGER_SETS];
  return { [COMPILED_WORDS_GLOBAL]: JSON.stringify(shippedPieces(new Lexicon(BUNDLED_WORD_LISTS).compiled(looks, looks))) };
}
