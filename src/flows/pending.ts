/**
 * The content script's recorded clicks reach the recorder through browser.storage.local, not a
 * message: a click on a link unloads the page at once, and a message sent to a worker that the
 * browser has stopped is lost with the page, while a storage write is done by the browser itself.
 * The write wakes the worker (storage.onChanged); each entry is validated and taken exactly once.
 */
import * as z from 'zod/mini';
import type { KeyValueArea } from '../storage/kv';
import { UserAction } from './recorder';

export const PENDING_PREFIX = 'flow-pending:';

export function pendingEntry(tabId: number, action: UserAction): Record<string, UserAction> {
  return { [`${PENDING_PREFIX}${tabId}:${action.at}:${Math.random().toString(36).slice(2, 8)}`]: action };
}

const Key = /* @__PURE__ */ z.string().check(z.regex(/^flow-pending:(\d+):/));

/** Takes every pending entry (of one tab, or all) out of the area, oldest first; invalid ones are dropped. */
export async function takePending(area: KeyValueArea, tabId?: number): Promise<{ tabId: number; action: UserAction }[]> {
  const all = await area.get(null);
  const keys = Object.keys(all).filter((k) => Key.safeParse(k).success && (tabId === undefined || k.startsWith(`${PENDING_PREFIX}${tabId}:`)));
  if (keys.length === 0) return [];
  await area.remove(keys);
  const out: { tabId: number; action: UserAction }[] = [];
  for (const k of keys) {
    const parsed = UserAction.safeParse(all[k]);
    if (parsed.success) out.push({ tabId: Number(k.slice(PENDING_PREFIX.length).split(':')[0]), action: parsed.data });
  }
  return out.sort((a, b) => a.action.at - b.action.at);
}
