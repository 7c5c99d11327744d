/** The bundled word lists, validated on load: a broken list fails loudly, never silently. */
import en from '../../rules/words/en.json';
import zhCN from '../../rules/words/zh-CN.json';
import zhTW from '../../rules/words/zh-TW.json';
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

export const BUNDLED_WORD_LISTS: WordList[] = [
  parseWordList(en, 'en.json'),
  parseWordList(zhCN, 'zh-CN.json'),
  parseWordList(zhTW, 'zh-TW.json'),
];

let shared: Lexicon | null = null;
export function bundledLexicon(): Lexicon {
  return (shared ??= new Lexicon(BUNDLED_WORD_LISTS, preparedWords()));
}

// Defined by the build to the lists' prepared matchers (compiled-words.ts); absent where the sources run as they are.
declare const __FAIR_EXIT_COMPILED_WORDS__: string | undefined;
function preparedWords(): CompiledWords | undefined {
  return typeof __FAIR_EXIT_COMPILED_WORDS__ === 'string' ? (JSON.parse(__FAIR_EXIT_COMPILED_WORDS__) as CompiledWords) : undefined;
}
