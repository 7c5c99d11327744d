import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_RULES, parseRule } from '../../src/rules/catalog';
import { parseWordList } from '../../src/rules/word-lists';
import { RULE_IDS } from '../../src/report/schema';
import { reportJsonSchema } from '../../src/report/json-schema';

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
});

describe('published JSON Schema', () => {
  it('is what the zod schemas generate (run `npm run schema` after changing them)', () => {
    expect(readFileSync('schema/report.schema.json', 'utf8')).toBe(reportJsonSchema());
  });
});
