/**
 * Build side (never bundled): the `define` that ships the bundled word lists' prepared matchers in a
 * bundle. Used by wxt.config.ts and by the tests and scripts that bundle the engine themselves.
 */
import { FIRST_LOOK_SETS } from '../engine/precheck';
import { COMPILED_WORDS_GLOBAL } from './compiled-words';
import { Lexicon } from './lexicon';
import { BUNDLED_WORD_LISTS } from './word-lists';

export function compiledWordsDefine(): Record<string, string> {
  // JSON in a string literal, parsed in the page: evaluating it as an object literal took 30-35 ms of every page's first scan.
  return { [COMPILED_WORDS_GLOBAL]: JSON.stringify(JSON.stringify(new Lexicon(BUNDLED_WORD_LISTS).compiled([FIRST_LOOK_SETS]))) };
}
