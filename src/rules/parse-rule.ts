/** One rule file checked against the rule schema (rule-schema.ts), with an error that names the file and the field. */
import { RuleFile } from './rule-schema';

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
