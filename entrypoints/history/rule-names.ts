/** Rule titles and descriptions in the user's language, from the bundled rule files. */
import { BUNDLED_RULES } from '../../src/rules/catalog';
import { RULE_IDS, type RuleId } from '../../src/report/schema';
import type { UiLanguage } from '../../src/storage/settings';

const FLOW = { en: 'Leaving takes more steps than joining', zh: '离开比加入需要更多步骤' };

export function ruleTitle(id: RuleId, lang: UiLanguage): string {
  const rule = BUNDLED_RULES.find((r) => r.id === id);
  const titles = rule?.title ?? (id === 'flow-asymmetry' ? FLOW : null);
  if (!titles) return id;
  return lang === 'en' ? titles.en : titles.zh;
}

export function ruleDescription(id: RuleId, lang: UiLanguage): string {
  const rule = BUNDLED_RULES.find((r) => r.id === id);
  if (!rule) return '';
  return lang === 'en' ? rule.description.en : rule.description.zh;
}

export const ALL_RULES: readonly RuleId[] = RULE_IDS;
