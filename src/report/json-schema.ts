import * as z from 'zod/mini';
import { AuditOutput } from './schema';

/** The published JSON Schema text for AuditOutput, stable byte for byte. */
export function reportJsonSchema(): string {
  const schema = z.toJSONSchema(AuditOutput, { target: 'draft-2020-12' });
  return `${JSON.stringify({ $id: 'https://fair-exit.local/schema/report.schema.json', title: 'Fair Exit AuditOutput', ...schema }, null, 2)}\n`;
}
