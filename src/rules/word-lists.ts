/** The bundled word lists, validated on load (in a bundle, by the build: build-checked.ts): a broken list fails loudly, never silently. */
import en from '../../rules/words/en.json';
import zhCN from '../../rules/words/zh-CN.json';
import zhTW from '../../rules/words/zh-TW.json';
import { CHECKED_AT_BUILD } from './build-checked';
import { WordList } from './word-list-schema';
import { Lexicon } from './lexicon';
import type { CompiledWords } from './compiled-words';

export function parseWordList(raw: unknown, source: string): WordList {
  const parsed = WordList.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`word list ${source}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  for (const phrase of Object.values(parsed.data.phrases).flat().concat(Object.values(parsed.data.roles).flat())) {
    if (phrase.startsWith('re:')) {
      try {
        new RegExp(phrase.slice(3), 'u');
      } catch (e) {
        throw new Error(`word list ${source}: bad pattern ${phrase}: ${(e as Error).message}`);
      }
    }
  }
  return parsed.data;
}

/** Every bundled word list checked with its schema and its patterns compiled; throws on the first that does not hold. */
export function checkBundledWordLists(): WordList[] {
  return [parseWordList(en, 'en.json'), parseWordList(zhCN, 'zh-CN.json'), parseWordList(zhTW, 'zh-TW.json')];
}

export const BUNDLED_WORD_LISTS: WordList[] = CHECKED_AT_BUILD ? ([en, zhCN, zhTW] as WordList[]) : checkBundledWordLists();

let shared: Lexicon | null = null;
export function bundledLexicon(): Lexicon {
  // In a bundle, the prepared matchers were made by the same build from these very lists: no need to hash them again.
  return (shared ??= new Lexicon(BUNDLED_WORD_LISTS, preparedWords(), { sameLists: CHECKED_AT_BUILD }));
}

// Defined by the build to the lists' prepared matchers (compiled-words.ts); absent where the sources run as they are.
declare const __FAIR_EXIT_COMPILED_WORDS__: string | undefined;
function preparedWords(): CompiledWords | undefined {
  return typeof __FAIR_EXIT_COMPILED_WORDS__ === 'string' ? (JSON.parse(__FAIR_EXIT_COMPILED_WORDS__) as CompiledWords) : undefined;
}
