/** The bundled word lists, validated on load (in a bundle, by the build: build-checked.ts): a broken list fails loudly, never silently. */
import en from '../../rules/words/en.json';
import zhCN from '../../rules/words/zh-CN.json';
import zhTW from '../../rules/words/zh-TW.json';
import { CHECKED_AT_BUILD } from './build-checked';
import { wordListSchema, type WordList } from './word-list-schema';
import { Lexicon } from './lexicon';
import { shippedWords, type ShippedWords } from './compiled-words';

/** Escapes whose letters are not literal characters (\S, \p{L}, \u3000). */
const ESCAPES = /\\(?:[pPu]\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gu;

export function parseWordList(raw: unknown, source: string): WordList {
  const parsed = wordListSchema().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`word list ${source}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const { phrases, roles, other, dismiss, manage, tiers } = parsed.data;
  for (const phrase of [...Object.values(phrases).flat(), ...Object.values(roles).flat(), ...other, ...dismiss, ...manage, ...(tiers ?? []).flat()]) {
    if (phrase.startsWith('re:')) {
      try {
        new RegExp(phrase.slice(3), 'u');
      } catch (e) {
        throw new Error(`word list ${source}: bad pattern ${phrase}: ${(e as Error).message}`);
      }
      // Text is lower-cased before it is read (normalize.ts): a capital letter in a pattern never matches.
      if (/[A-Z]/.test(phrase.slice(3).replace(ESCAPES, '')))
        throw new Error(`word list ${source}: pattern ${phrase} has a capital letter outside an escape; text is read lower-cased, so write it in lower case`);
    }
  }
  return parsed.data;
}

/** Every bundled word list checked with its schema and its patterns compiled; throws on the first that does not hold. */
export function checkBundledWordLists(): WordList[] {
  return [parseWordList(en, 'en.json'), parseWordList(zhCN, 'zh-CN.json'), parseWordList(zhTW, 'zh-TW.json')];
}

export const BUNDLED_WORD_LISTS: WordList[] = CHECKED_AT_BUILD ? ([en, zhCN, zhTW] as WordList[]) : /* @__PURE__ */ checkBundledWordLists();

let shared: Lexicon | null = null;
export function bundledLexicon(): Lexicon {
  // In a bundle, the prepared matchers were made by the same build from these very lists: no need to hash them again.
  shared ??= new Lexicon(lexiconLists(), preparedWords(), { sameLists: CHECKED_AT_BUILD });
  // The lexicon holds what it still needs of the prepared data; nothing else will read it.
  prepared = undefined;
  return shared;
}

/**
 * bundledLexicon, made between yields when a page's first scan makes it: reading the prepared
 * matchers and making the lexicon are steps apart (with the filling of its prefilter's tables, 50-60
 * ms of one task in Chromium here). The tables are filled by the scan only when it needs them
 * (Lexicon.prepareSteps): a page that the pre-check's first look ends never does.
 */
export function* bundledLexiconSteps(): Generator<void, Lexicon, void> {
  if (!shared) {
    const words = preparedWords();
    yield;
    // bundledLexicon() may have made it between two of these steps (a click recorded meanwhile).
    shared ??= new Lexicon(lexiconLists(), words, { sameLists: CHECKED_AT_BUILD });
    prepared = undefined;
    yield;
  }
  return shared;
}

// Defined by the build to the lists' prepared matchers, in pieces of JSON (compiled-words.ts); absent where the sources run as they are.
declare const __FAIR_EXIT_COMPILED_WORDS__: string[] | undefined;
// Named once: the build writes the data out wherever the name stands (twice made a bundle 340 KB larger).
// Let go once read (preparedWords): its JSON is 0.85 MB of the page's heap once parsed.
let SHIPPED: readonly string[] | undefined = typeof __FAIR_EXIT_COMPILED_WORDS__ === 'object' ? __FAIR_EXIT_COMPILED_WORDS__ : undefined;
// Defined by the build to the lists without their phrases, as JSON (compiled-words-define.ts): a bundle's lexicon reads the
// phrases from the prepared matchers alone, and the phrases as written were a quarter of the content script's text, which
// every page compiles anew.
// (The condition is one the build can decide, so that it leaves the lists as written out of such a bundle.)
declare const __FAIR_EXIT_LEXICON_LISTS__: string | undefined;
function lexiconLists(): WordList[] {
  if (typeof __FAIR_EXIT_LEXICON_LISTS__ === 'string') return JSON.parse(__FAIR_EXIT_LEXICON_LISTS__) as WordList[];
  return BUNDLED_WORD_LISTS;
}
/** The prepared matchers, read once (by whichever way the lexicon is made first). */
let prepared: ShippedWords | undefined;
function preparedWords(): ShippedWords | undefined {
  if (SHIPPED) {
    prepared = shippedWords(SHIPPED);
    SHIPPED = undefined;
  }
  return prepared;
}
