import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_RULES, parseRule } from '../../src/rules/catalog';
import { parseWordList } from '../../src/rules/word-lists';
import { RULE_IDS } from '../../src/report/schema';
import { reportJsonSchema } from '../../src/report/json-schema';
import { bundleDefines, checkAsBundled } from '../../src/rules/bundle-defines';
import { DATA_CHECKED_GLOBAL } from '../../src/rules/build-checked';

describe('rule files', () => {
  it('covers every taxonomy rule, one valid file each', () => {
    expect(BUNDLED_RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
  });
  it('rejects a rule with an unknown check kind or a threshold without a reason', () => {
    const good = JSON.parse(readFileSync('rules/hidden-exit.json', 'utf8'));
    expect(() => parseRule({ ...good, check: { kind: 'magic' } }, 'hidden-exit.json')).toThrow(/check/);
    expect(() => parseRule({ ...good, check: { ...good.check, tinyArea: { value: 1 } } }, 'hidden-exit.json')).toThrow(/tinyArea/);
    expect(() => parseRule({ ...good, id: 'made-up' }, 'made-up.json')).toThrow(/id/);
  });
  it('validates every word list and rejects a broken pattern', () => {
    for (const f of readdirSync('rules/words')) parseWordList(JSON.parse(readFileSync(`rules/words/${f}`, 'utf8')), f);
    const en = JSON.parse(readFileSync('rules/words/en.json', 'utf8'));
    en.phrases.urgency.push('re:(unclosed');
    expect(() => parseWordList(en, 'en.json')).toThrow(/bad pattern/);
  });
  it('rejects a pattern with a capital letter, which lower-cased text never matches, but not an escape', () => {
    const zh = JSON.parse(readFileSync('rules/words/zh-TW.json', 'utf8'));
    zh.phrases.accountContext.push('re:我的\\S{0,2}\\p{L}\\u3000');
    expect(() => parseWordList(zh, 'zh-TW.json')).not.toThrow();
    zh.phrases.accountContext.push('re:我的\\s?VIP');
    expect(() => parseWordList(zh, 'zh-TW.json')).toThrow(/capital letter/);
  });
  // A bundle's pages take the rules and lists as bundled (build-checked.ts): the build must refuse what its schema would not give back as it is.
  it('lets a build pass only data that pages may take as it is', () => {
    expect(bundleDefines()[DATA_CHECKED_GLOBAL]).toBe('true');
    const rule = JSON.parse(readFileSync('rules/hidden-exit.json', 'utf8'));
    expect(() => checkAsBundled(rule, 'hidden-exit.json', parseRule)).not.toThrow();
    expect(() => checkAsBundled({ ...rule, severty: 'high' }, 'hidden-exit.json', parseRule)).toThrow(/hidden-exit.json: holds fields its schema does not know/);
    expect(() => checkAsBundled({ ...rule, check: { kind: 'magic' } }, 'hidden-exit.json', parseRule)).toThrow(/check/);
    const en = JSON.parse(readFileSync('rules/words/en.json', 'utf8'));
    expect(() => checkAsBundled({ ...en, phrases: { ...en.phrases, urgncy: ['hurry'] } }, 'en.json', parseWordList)).toThrow(/does not know/);
  });
});

describe('published JSON Schema', () => {
  it('is what the zod schemas generate (run `npm run schema` after changing them)', () => {
    expect(readFileSync('schema/report.schema.json', 'utf8')).toBe(reportJsonSchema());
  });
});
