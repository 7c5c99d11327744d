/**
 * A recorded flow as kept in history (IndexedDB store `flows`): the way in and the way out of one
 * site, each filled in when its recording stops, and the flow-asymmetry findings of the pair.
 */
import * as z from 'zod/mini';
import { Finding, PathRecord } from '../report/schema';

export const FLOW_RECORD_VERSION = 1;

export const SavedFlow = z.object({
  schemaVersion: z.literal(FLOW_RECORD_VERSION),
  id: z.string(),
  /** Paths with the same key pair up: the site's host for the popup, `audit:…` for --flow. */
  key: z.string(),
  site: z.string(),
  name: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  join: z.nullable(PathRecord),
  exit: z.nullable(PathRecord),
  findings: z.array(Finding),
  /** Per path, the screenshot id (store flowShots) of each step, aligned with its steps; null: none. */
  shots: z.optional(z.object({ join: z.optional(z.array(z.nullable(z.string()))), exit: z.optional(z.array(z.nullable(z.string()))) })),
  bytes: z.number(),
});
export type SavedFlow = z.infer<typeof SavedFlow>;

export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
