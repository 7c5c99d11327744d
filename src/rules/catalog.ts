/** The bundled rule set: every rules/*.json, validated when loaded (in a bundle, by the build: build-checked.ts). */
import { CHECKED_AT_BUILD } from './build-checked';
import { parseRule } from './parse-rule';
import type { RuleFile } from './rule-schema';

export { parseRule };

const files = import.meta.glob('../../rules/*.json', { eager: true, import: 'default' });

/** Every bundled rule file checked with its schema; throws on the first that does not hold. */
export function checkBundledRules(): RuleFile[] {
  return Object.entries(files).map(([path, raw]) => parseRule(raw, path));
}

// Ids are ASCII (the schema says so): compared as strings, not with localeCompare, whose first call sets up a collator (about 20 ms of a page's first scan).
export const BUNDLED_RULES: RuleFile[] = (CHECKED_AT_BUILD ? (Object.values(files) as RuleFile[]) : checkBundledRules()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
