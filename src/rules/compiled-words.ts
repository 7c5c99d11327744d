/**
 * The bundled word lists' matchers prepared once, at build time: each list's regular expression, its
 * prefilter fragments and where their keys start. Preparing them in the page took 200-600 ms on the
 * first scan of every page (docs/speed.md); made from this data, the lexicon costs a few.
 * A list whose phrases no longer hash to what was prepared is prepared at run time instead.
 */
import type { Fragment } from './prefilter';

/** A list's fragments, shipped compactly: those anywhere in a text, and those at its start. */
export type ShippedFragments = { any: string[]; start: string[] } | null;
export type CompiledMatcher = { hash: string; source: string | null; fragments: ShippedFragments };
export type CompiledWords = { matchers: CompiledMatcher[]; offsets: number[] };

export function encodeFragments(fragments: Fragment[] | null): ShippedFragments {
  if (!fragments) return null;
  return { any: fragments.filter((f) => !f.atStart).map((f) => f.text), start: fragments.filter((f) => f.atStart).map((f) => f.text) };
}
export function decodeFragments(shipped: ShippedFragments): Fragment[] | null {
  if (!shipped) return null;
  return [...shipped.any.map((text) => ({ text, atStart: false })), ...shipped.start.map((text) => ({ text, atStart: true }))];
}

/** FNV-1a over a list's phrases: enough to tell whether the phrases changed since the build. */
export function phrasesHash(phrases: string[]): string {
  let h = 0x811c9dc5;
  for (const phrase of phrases) {
    for (let i = 0; i < phrase.length; i++) h = Math.imul(h ^ phrase.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x0a, 0x01000193);
  }
  return `${phrases.length}:${(h >>> 0).toString(16)}`;
}

/** The name the build defines to the prepared data (a JSON literal); so do the tests and scripts that bundle the engine. */
export const COMPILED_WORDS_GLOBAL = '__FAIR_EXIT_COMPILED_WORDS__';
