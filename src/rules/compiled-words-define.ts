/**
 * Build side (never bundled): the `define` that ships the bundled word lists' prepared matchers in a
 * bundle. Used by wxt.config.ts and by the tests and scripts that bundle the engine themselves.
 */
import { COMPILED_WORDS_GLOBAL } from './compiled-words';
import { Lexicon } from './lexicon';
import { BUNDLED_WORD_LISTS } from './word-lists';

export function compiledWordsDefine(): Record<string, string> {
  // As an object literal, not a string to parse: a string would escape every quote and backslash of the data again.
  return { [COMPILED_WORDS_GLOBAL]: JSON.stringify(new Lexicon(BUNDLED_WORD_LISTS).compiled()) };
}
