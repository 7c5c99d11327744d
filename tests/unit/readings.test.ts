import { describe, expect, it } from 'vitest';
import { readings } from '../../src/rules/checks/sentence';
import { bundledLexicon } from '../../src/rules/word-lists';

const lex = bundledLexicon();

describe('readings of a block', () => {
  it('reads a sentence that points back together with the whole sentence before it', () => {
    const text = '降轉須親臨門市辦理；網路門市恕不受理。申請核准後，新資費將於次一帳單週期起生效。';
    const all = readings(text, lex);
    expect(all).toContain('降轉須親臨門市辦理； 網路門市恕不受理。 申請核准後，新資費將於次一帳單週期起生效。');
    expect(all.some((r) => lex.has('delayedEffect', r))).toBe(true);
  });
  it('keeps sentences apart when nothing points back', () => {
    const text = '降轉須親臨門市辦理。新資費將於次一帳單週期起生效。';
    expect(readings(text, lex)).toEqual(['降轉須親臨門市辦理。', '新資費將於次一帳單週期起生效。']);
  });
});
