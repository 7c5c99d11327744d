import { describe, expect, it } from 'vitest';
import { readings } from '../../src/rules/checks/sentence';
import { withoutQuotations } from '../../src/engine/quotation';
import { bundledLexicon } from '../../src/rules/word-lists';

const lex = bundledLexicon();

describe('readings of a block', () => {
  it('reads a sentence that points back together with the whole sentence before it', () => {
    const text = '降轉須親臨門市辦理；網路門市恕不受理。申請核准後，新資費將於次一帳單週期起生效。';
    const all = readings(text, lex);
    expect(all).toContain('降轉須親臨門市辦理； 網路門市恕不受理。 申請核准後，新資費將於次一帳單週期起生效。');
    expect(all.some((r) => lex.has('delayedEffect', r))).toBe(true);
  });
  it('lets a sentence pointing back take its subject from the block’s heading', () => {
    const text =
      'About cancelling or changing to a lower tier: cancellations cannot be processed online. Please visit the front desk with photo ID. Requests are only accepted during the 30 days before your renewal date.';
    expect(readings(text, lex).some((r) => lex.has('restrictedWindow', r))).toBe(true);
    // Without the heading the pointer has nothing to point back to.
    const headless = 'Please visit the front desk with photo ID. Requests are only accepted during the 30 days before your renewal date.';
    expect(readings(headless, lex).some((r) => lex.has('restrictedWindow', r))).toBe(false);
  });
  it('follows two sentences that point back to the one that names the subject', () => {
    const text =
      'Moves to a smaller berth are arranged in person at the harbour office. They cannot be made online. Such requests are only accepted in the final 21 days before your agreement anniversary.';
    expect(readings(text, lex).some((r) => lex.has('restrictedWindow', r))).toBe(true);
  });
  it('keeps sentences apart when nothing points back', () => {
    const text = '降轉須親臨門市辦理。新資費將於次一帳單週期起生效。';
    expect(readings(text, lex)).toEqual(['降轉須親臨門市辦理。', '新資費將於次一帳單週期起生效。']);
  });
});

describe('quoted messages', () => {
  it('leaves out a quoted message, so a blog listing tricks states none of them', () => {
    const text = '最常遇到以下說法：1.「降級請洽客服專線辦理」2.「此方案於合約期間內無法調降，請於到期前 7 日內再申請」';
    expect(readings(text, lex).some((r) => lex.has('contactRequirement', r) || lex.has('restrictedWindow', r))).toBe(false);
    expect(readings('Readers were told "to downgrade you must call our retention team" by the app.', lex).some((r) => lex.has('contactRequirement', r))).toBe(false);
  });
  it('keeps the page’s own sentence around a quoted button name', () => {
    const own = 'To downgrade you must call our retention team; the “Downgrade” button only opens a phone number.';
    expect(readings(own, lex).some((r) => lex.has('contactRequirement', r))).toBe(true);
    expect(withoutQuotations('Press “Cancel plan” to leave.')).toBe('Press “Cancel plan” to leave.');
  });
});
