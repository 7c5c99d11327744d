/** The bundled rule set: every rules/*.json, validated when loaded. */
import { RuleFile } from './rule-schema';

const files = import.meta.glob('../../rules/*.json', { eager: true, import: 'default' });

export function parseRule(raw: unknown, source: string): RuleFile {
  const parsed = RuleFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`rule ${source}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const name = source.split('/').pop()?.replace(/\.json$/, '');
  if (name && name !== parsed.data.id) throw new Error(`rule ${source}: file name must be the rule id (${parsed.data.id})`);
  return parsed.data;
}

export const BUNDLED_RULES: RuleFile[] = Object.entries(files)
  .map(([path, raw]) => parseRule(raw, path))
  .sort((a, b) => a.id.localeCompare(b.id));
