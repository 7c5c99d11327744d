/**
 * What a page that the pre-check ended costs after it: the scan runs no rule there (scan-page.ts),
 * and a change of the page is judged without filling the lexicon's prefilter (precheck.ts,
 * mayEndDifferently), which a page that the first look ended never needs.
 */
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/engine/types';
import { mayEndDifferently } from '../../src/engine/precheck';
import { BUNDLED_RULES } from '../../src/rules/catalog';
import { evaluateRules } from '../../src/rules/evaluate';
import { Lexicon } from '../../src/rules/lexicon';
import { BUNDLED_WORD_LISTS, bundledLexicon } from '../../src/rules/word-lists';
import { runAtOnce } from '../../src/engine/scan-timing';

function ended(language: 'en' | 'zh', pageText: string): Snapshot {
  return {
    url: 'https://example.test/',
    title: language === 'en' ? 'Cancel your subscription' : '取消自动续费',
    language,
    viewport: { width: 1280, height: 800 },
    pageKind: 'other',
    subscriptionPage: false,
    pageSignals: { precheck: 0 },
    controls: [],
    blocks: [],
    pageText,
  };
}

describe('a page the pre-check ended', () => {
  it('gives no finding from any bundled rule, whatever its text says', () => {
    expect(BUNDLED_RULES.length).toBeGreaterThan(10);
    const texts: ['en' | 'zh', string][] = [
      ['en', 'Cancel subscription. Your plan renews automatically. To cancel, you must call us. Are you sure? You will lose everything.'],
      ['zh', '取消自动续费 仅限电话办理 下个计费周期不可取消 确定要放弃所有特权吗'],
    ];
    for (const [language, text] of texts) expect(evaluateRules(ended(language, text), BUNDLED_RULES, bundledLexicon())).toEqual([]);
  });

  it('is judged on added text by the first look while the lexicon is not filled, and leaves it unfilled', () => {
    const lexicon = new Lexicon(BUNDLED_WORD_LISTS);
    const plan = ['Cancel membership', 'Turn off auto-renew', 'Your plan renews on 1 May', '升级至超级会员', '取消自动续费'];
    const none = ['The council met on Tuesday.', 'Reply', '3 min ago', '天气晴朗'];
    for (const t of plan) expect(mayEndDifferently(lexicon, t), t).toBe(true);
    for (const t of none) expect(mayEndDifferently(lexicon, t), t).toBe(false);
    expect(lexicon.prepared).toBe(false);
    // Filled (a page read node by node), the lexicon itself answers: the same for these.
    runAtOnce(lexicon.prepareSteps());
    expect(lexicon.prepared).toBe(true);
    for (const t of plan) expect(mayEndDifferently(lexicon, t), t).toBe(true);
    for (const t of none) expect(mayEndDifferently(lexicon, t), t).toBe(false);
  });
});
