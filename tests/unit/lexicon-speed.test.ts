import { describe, expect, it } from 'vitest';
import { Lexicon } from '../../src/rules/lexicon';
import { PHRASE_KEYS, type WordList } from '../../src/rules/word-list-schema';

/** A small word list with the shapes the speed-ups rewrite or skip: a long look-behind, combinations. */
function lexicon(): Lexicon {
  const phrases = Object.fromEntries(PHRASE_KEYS.map((k) => [k, [] as string[]])) as WordList['phrases'];
  phrases.lossFraming = ['re:(?<!\\bunsaved\\b.{0,40})\\b(will|would) (be )?(lost|deleted)\\b'];
  phrases.exitAction = ['cancel', 'downgrade'];
  phrases.laterTime = ['next month'];
  phrases.takeEffect = ['takes effect'];
  phrases.renewal = ['renews automatically'];
  const list: WordList = {
    lang: 'en',
    roles: { upgrade: ['upgrade'], retain: ['keep my plan'], downgrade: ['downgrade'], cancel: ['cancel subscription'] },
    other: ['cancel order'],
    dismiss: ['cancel'],
    manage: ['manage plan'],
    phrases,
    combos: { delayedEffect: [['exitAction', 'laterTime', 'takeEffect']] },
  };
  return new Lexicon([list]);
}

describe('word lists: the faster forms find exactly what the lists say', () => {
  it('a pattern led by a long look-behind matches where the plain pattern does, and nowhere else', () => {
    const lex = lexicon();
    const plain = /(?<!\bunsaved\b.{0,40})\b(will|would) (be )?(lost|deleted)\b/u;
    for (const text of [
      'your playlists will be lost',
      'unsaved changes will be lost',
      'unsaved drafts in this folder would be deleted',
      'an unsaved draft from a very long time ago, written somewhere else entirely, will be lost',
      'nothing is lost',
    ]) {
      expect(lex.has('lossFraming', text), text).toBe(plain.test(text));
    }
  });

  it('a combination of concepts is found when every concept is there, however many keys share a concept', () => {
    const lex = lexicon();
    expect(lex.listsIn(['delayedEffect', 'renewal'], 'If you downgrade, the change takes effect next month.')).toEqual(['delayedEffect']);
    expect(lex.listsIn(['delayedEffect', 'renewal'], 'If you downgrade, it takes effect today.')).toEqual([]);
    expect(lex.mentionsAny(['renewal', 'delayedEffect'], 'Cancel any time; the change takes effect next month.')).toBe(true);
  });

  it('a label is a plan label exactly when classify gives it a role or a manage path', () => {
    const lex = lexicon();
    for (const label of ['Upgrade', 'Manage plan', 'Cancel', 'Cancel order', 'Download invoice', 'Cancel subscription']) {
      const d = lex.classify(label);
      expect(lex.isPlanLabel(label), label).toBe(d.role !== 'other' || d.tags.includes('manage-subscription'));
    }
  });

  it('a long page text asked about several times gives the same answers (normalised once)', () => {
    const lex = lexicon();
    const page = `${'The council met on Tuesday. '.repeat(400)}Your plan renews automatically.`;
    expect(lex.mentionsAny(['renewal'], page)).toBe(true);
    expect(lex.mentionsAny(['lossFraming'], page)).toBe(false);
    expect(lex.find('renewal', page)?.text).toBe('renews automatically');
    expect(lex.mayHave('renewal', page)).toBe(true);
    expect(lex.mayHave('lossFraming', page)).toBe(false);
  });
});
