/**
 * The write-ahead journal of saves. A report is written here (browser.storage.local, which survives
 * the worker and the browser being stopped) before its IndexedDB transaction, and removed once the
 * transaction has committed. On worker start every entry still here is saved again: saving is
 * idempotent, so a replay of a save that did commit changes nothing.
 */
import * as z from 'zod/mini';
import { PageReport } from '../report/schema';
import { hashString } from './hash';
import type { KeyValueArea } from './kv';
import { reportIdOf } from './records';

const PREFIX = 'pending:';

export const PendingSave = z.object({ report: PageReport, seenAt: z.number() });
export type PendingSave = z.infer<typeof PendingSave>;

/** Deterministic: the same scan always has the same key, two scans of one page never share one. */
export function journalKey(report: PageReport): string {
  return `${PREFIX}${reportIdOf(report)}:${hashString(report.scannedAt)}`;
}

export class PendingJournal {
  constructor(private readonly area: KeyValueArea) {}

  async put(key: string, entry: PendingSave): Promise<void> {
    await this.area.set({ [key]: entry });
  }

  async remove(key: string): Promise<void> {
    await this.area.remove(key);
  }

  /** Every pending save, oldest first; entries that are not valid are dropped with a warning. */
  async all(): Promise<{ key: string; entry: PendingSave }[]> {
    const everything = await this.area.get(null);
    const out: { key: string; entry: PendingSave }[] = [];
    const broken: string[] = [];
    for (const [key, value] of Object.entries(everything)) {
      if (!key.startsWith(PREFIX)) continue;
      const parsed = PendingSave.safeParse(value);
      if (parsed.success) out.push({ key, entry: parsed.data });
      else broken.push(key);
    }
    if (broken.length) {
      console.warn(`[fair-exit] ${broken.length} unreadable pending save(s) removed`);
      await this.area.remove(broken);
    }
    return out.sort((a, b) => a.entry.seenAt - b.entry.seenAt);
  }

  async count(): Promise<number> {
    return Object.keys(await this.area.get(null)).filter((k) => k.startsWith(PREFIX)).length;
  }
}
