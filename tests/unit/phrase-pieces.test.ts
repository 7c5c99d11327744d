import { describe, expect, it } from 'vitest';
import { Lexicon, normalizeText, type PartSpec } from '../../src/rules/lexicon';
import { BUNDLED_WORD_LISTS } from '../../src/rules/word-lists';
import { labelledPagesWithoutCode } from './labelled-pages';

type Matcher = { parts: { spec: PartSpec }[]; all: (normalized: string) => { text: string; index: number }[]; hits: unknown };
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const compact = (n: string) => n.replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/gu, '');

/** The list's pieces put back into the one alternation they were cut from, alternatives in their places. */
function oneAlternation(parts: PartSpec[]): RegExp | null {
  const alternatives: { rank: number; source: string }[] = [];
  for (const p of parts) {
    if (p.ranks) p.fragments!.forEach((f, i) => alternatives.push({ rank: p.ranks![i], source: (f.atStart ? '^' : '') + escape(f.text) }));
    else alternatives.push({ rank: p.rank, source: p.rank < 0 ? p.source : `(?:${p.source})` });
  }
  alternatives.sort((a, b) => a.rank - b.rank);
  return alternatives.length ? new RegExp(alternatives.map((a) => a.source).join('|'), 'gu') : null;
}

describe('a list run in pieces', () => {
  it('finds what the one alternation of its phrases finds, at the same places, on every labelled page and its lines', () => {
    const matchers = (new Lexicon(BUNDLED_WORD_LISTS) as unknown as { matchers: Matcher[] }).matchers;
    const references = matchers.map((m) => oneAlternation(m.parts.map((p) => p.spec)));
    const pages = labelledPagesWithoutCode().map((html) => html.replace(/<[^>]+>/g, '\n'));
    const lines = [...new Set(pages.flatMap((p) => p.split('\n')).map((l) => l.trim()))].filter((l) => l && l.length < 300);
    const texts = [...pages.slice(0, 120), ...lines].map(normalizeText);
    let found = 0;
    for (const text of texts) {
      const c = compact(text);
      matchers.forEach((m, i) => {
        const want = references[i] ? [...c.matchAll(references[i]!)].map((r) => ({ text: r[0], index: r.index })) : [];
        const got = m.all(text).map(({ text, index }) => ({ text, index }));
        expect(got, `list ${i}: ${text.slice(0, 80)}`).toEqual(want);
        found += got.length;
      });
    }
    expect(found).toBeGreaterThan(5000);
  }, 180_000);
});
