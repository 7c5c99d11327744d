import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/report/schema';
import { hiddenReason, lookupFromFile, ruleDescription, ruleTitle } from '../../src/ui/i18n';
import { localeFile, tr } from './popup-fixtures';

const LOCALES = ['en', 'zh_CN', 'zh_TW'];
const OPTIONAL = /^(rule|reason)_/;
const required = (dir: string) =>
  Object.keys(localeFile(dir))
    .filter((k) => !OPTIONAL.test(k))
    .sort();
const placeholders = (m: string) => [...m.matchAll(/\$([A-Z]+)\$/g)].map((x) => x[1]).sort();

describe('extension i18n files', () => {
  it('en, zh_CN and zh_TW have the same keys and placeholders', () => {
    const en = localeFile('en');
    for (const dir of LOCALES) {
      expect(required(dir)).toEqual(required('en'));
      const file = localeFile(dir);
      for (const key of required('en')) {
        expect(placeholders(file[key].message), `${dir}/${key}`).toEqual(placeholders(en[key].message));
        for (const name of placeholders(file[key].message)) expect(file[key].placeholders?.[name.toLowerCase()], `${dir}/${key} $${name}$`).toBeTruthy();
      }
      expect(file.lang.message).toBe(dir.replace('_', '-'));
    }
  });

  it('every message key the popup uses exists', () => {
    const dir = join(import.meta.dirname, '../../src/ui');
    const used = new Set<string>();
    for (const f of readdirSync(dir)) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(/\bt\('([A-Za-z]+)'/g)) used.add(m[1]);
      for (const m of src.matchAll(/:\s*'([a-z][A-Za-z]+)'(?=[,\s}])/g)) if (/^(sev|reason|role|fig|verdict|note|hl|btn|storage|pos)[A-Z]/.test(m[1])) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(40);
    const keys = new Set(required('en'));
    expect([...used].filter((k) => !keys.has(k))).toEqual([]);
  });

  it('substitutes like chrome.i18n', () => {
    const lookup = lookupFromFile({
      a: { message: 'Pay $$$AMOUNT$ for $WHAT$', placeholders: { amount: { content: '$1' }, what: { content: '$2' } } },
    });
    expect(lookup('a', [5, 'Premium'])).toBe('Pay $5 for Premium');
    expect(lookup('A', [5, 'x'])).toBe('Pay $5 for x');
    expect(lookup('missing')).toBe('');
  });

  it('every rule has a plain name and description in each language', () => {
    for (const lang of ['en', 'zh-CN', 'zh-TW'] as const) {
      const t = tr(lang);
      for (const id of RULE_IDS) {
        expect(ruleTitle(t, id), `${lang} ${id}`).not.toBe(id);
        expect(ruleDescription(t, id), `${lang} ${id}`).not.toBe(id);
      }
    }
    expect(ruleTitle(tr('en'), 'hidden-exit')).toBe('The way out is hidden');
    expect(ruleTitle(tr('zh-CN'), 'hidden-exit')).toBe('退出入口被隐藏');
    expect(ruleTitle(tr('zh-TW'), 'hidden-exit')).toBe('退出入口被隱藏');
    expect(hiddenReason(tr('zh-CN'), 'low-contrast')).toBe('颜色与背景几乎相同');
    expect(hiddenReason(tr('zh-TW'), 'low-contrast')).toBe('顏色與背景幾乎相同');
  });

  it('Traditional Chinese names exist for every rule file and hidden-exit reason', () => {
    const tw = localeFile('zh_TW');
    const ruleFiles = readdirSync(join(import.meta.dirname, '../../rules')).filter((f) => f.endsWith('.json'));
    for (const f of ruleFiles) {
      const id = f.replace(/\.json$/, '').replace(/-/g, '_');
      expect(tw[`rule_${id}_title`], id).toBeTruthy();
      expect(tw[`rule_${id}_desc`], id).toBeTruthy();
    }
    const terms = JSON.parse(readFileSync(join(import.meta.dirname, '../../rules/hidden-exit.json'), 'utf8')).terms.en;
    for (const reason of Object.keys(terms)) expect(tw[`reason_${reason.replace(/-/g, '_')}`], reason).toBeTruthy();
  });
});
