/**
 * Whether saving works, kept in browser.storage.local (key "storageStatus") so that the popup and
 * the history page can tell the user, in their language, after the worker has been restarted too.
 * A problem stays shown until the user dismisses it: nothing is removed or left unsaved silently.
 */
import type { StorageStatus } from '../messages';
import type { KeyValueArea } from './kv';
import type { UiLanguage } from './settings';

export const STATUS_KEY = 'storageStatus';

export type StoredProblem = {
  reason: 'quota' | 'unavailable';
  at: number;
  evictedReports: number;
  evictedScreenshots: number;
  evictedSites: string[];
  /** Reports kept aside (in the journal) because they could not be saved yet. */
  unsaved: number;
  detail?: string;
};

export type ProblemUpdate = Partial<Omit<StoredProblem, 'reason' | 'at'>> & { reason: StoredProblem['reason'] };

const TEXT: Record<UiLanguage, { full: string; removed: (r: number, s: number, sites: string) => string; unsaved: (n: number) => string; unavailable: string }> = {
  en: {
    full: 'Storage for saved reports is full.',
    removed: (r, s, sites) =>
      `To keep the newest report, ${[r ? `${r} older report${r === 1 ? '' : 's'}${sites ? ` (${sites})` : ''}` : '', s ? `${s} older screenshot${s === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ')} ${r + s === 1 ? 'was' : 'were'} removed.`,
    unsaved: (n) =>
      `${n} report${n === 1 ? '' : 's'} could not be saved yet; ${n === 1 ? 'it is' : 'they are'} kept aside and saved as soon as there is room (delete old reports to make room).`,
    unavailable: 'Saved reports are unavailable: the browser refused to open their database.',
  },
  'zh-CN': {
    full: '保存报告的存储空间已满。',
    removed: (r, s, sites) => `为保留最新的报告,已删除${[r ? `${r} 份较早的报告${sites ? `(${sites})` : ''}` : '', s ? `${s} 张较早的截图` : ''].filter(Boolean).join('和')}。`,
    unsaved: (n) => `有 ${n} 份报告暂时无法保存,已另行保留,腾出空间后会自动保存(可删除旧报告)。`,
    unavailable: '无法使用已保存的报告:浏览器拒绝打开其数据库。',
  },
  'zh-TW': {
    full: '儲存報告的空間已滿。',
    removed: (r, s, sites) => `為保留最新的報告,已刪除${[r ? `${r} 份較早的報告${sites ? `(${sites})` : ''}` : '', s ? `${s} 張較早的截圖` : ''].filter(Boolean).join('和')}。`,
    unsaved: (n) => `有 ${n} 份報告暫時無法儲存,已另行保留,騰出空間後會自動儲存(可刪除舊報告)。`,
    unavailable: '無法使用已儲存的報告:瀏覽器拒絕開啟其資料庫。',
  },
};

export function describeProblem(p: StoredProblem, lang: UiLanguage): string {
  const t = TEXT[lang];
  if (p.reason === 'unavailable') return [t.unavailable, p.unsaved ? t.unsaved(p.unsaved) : ''].filter(Boolean).join(' ');
  const sites = p.evictedSites.slice(0, 5).join(', ') + (p.evictedSites.length > 5 ? ', …' : '');
  const parts = [t.full];
  if (p.evictedReports || p.evictedScreenshots) parts.push(t.removed(p.evictedReports, p.evictedScreenshots, sites));
  if (p.unsaved) parts.push(t.unsaved(p.unsaved));
  return parts.join(' ');
}

export class StatusStore {
  constructor(private readonly area: KeyValueArea) {}

  async problem(): Promise<StoredProblem | null> {
    const raw = (await this.area.get(STATUS_KEY))[STATUS_KEY];
    return raw && typeof raw === 'object' ? (raw as StoredProblem) : null;
  }

  async get(lang: UiLanguage): Promise<StorageStatus> {
    const p = await this.problem();
    if (!p) return { ok: true };
    return {
      ok: false,
      reason: p.reason,
      message: describeProblem(p, lang),
      at: p.at,
      evictedReports: p.evictedReports,
      evictedScreenshots: p.evictedScreenshots,
      evictedSites: p.evictedSites,
      unsaved: p.unsaved,
    };
  }

  /** Adds to the problem being shown (evictions accumulate until the user dismisses them). */
  async report(update: ProblemUpdate): Promise<void> {
    const old = await this.problem();
    const next: StoredProblem = {
      reason: update.reason === 'unavailable' || old?.reason !== 'unavailable' ? update.reason : old.reason,
      at: Date.now(),
      evictedReports: (old?.evictedReports ?? 0) + (update.evictedReports ?? 0),
      evictedScreenshots: (old?.evictedScreenshots ?? 0) + (update.evictedScreenshots ?? 0),
      evictedSites: [...new Set([...(old?.evictedSites ?? []), ...(update.evictedSites ?? [])])],
      unsaved: update.unsaved ?? old?.unsaved ?? 0,
      detail: update.detail ?? old?.detail,
    };
    await this.area.set({ [STATUS_KEY]: next });
  }

  /** Updates the count of reports still waiting, when a problem is being shown. */
  async setUnsaved(unsaved: number): Promise<void> {
    const old = await this.problem();
    if (old && old.unsaved !== unsaved) await this.area.set({ [STATUS_KEY]: { ...old, unsaved } });
  }

  async clear(): Promise<void> {
    await this.area.remove(STATUS_KEY);
  }
}
