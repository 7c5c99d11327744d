import { describe, expect, it } from 'vitest';
import { LANGUAGE_CHARS, languageOf } from '../../src/engine/page-text';

const withLang = (lang: string) => ({ documentElement: { lang } }) as unknown as Document;

describe('languageOf', () => {
  it('reads a page as Chinese when CJK characters are a real share of its letters', () => {
    expect(languageOf(withLang(''), '降级会员将于下个自然月生效 VIP')).toBe('zh');
    expect(languageOf(withLang('en'), 'Plan 方案 and more words here')).toBe('en');
  });

  it('takes the document language only beside some CJK characters', () => {
    expect(languageOf(withLang('zh-CN'), 'Plan 方案 and more words here')).toBe('zh');
    expect(languageOf(withLang('zh-CN'), 'Only English words on this page')).toBe('en');
  });

  it('reads only the first characters', () => {
    const latin = 'word '.repeat(LANGUAGE_CHARS / 5);
    expect(languageOf(withLang('zh'), `${latin}降级会员`)).toBe('en');
    expect(languageOf(withLang('zh'), `${latin.slice(0, -10)}降级会员`)).toBe('zh');
  });
});
