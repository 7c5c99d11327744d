import type { PageReport, Severity } from '../report/schema';
import type { UiLanguage } from '../storage/settings';

const COLOURS: Record<Severity, string> = { high: '#c5221f', medium: '#b45309', low: '#7c6f00' };
const ORDER: Severity[] = ['high', 'medium', 'low'];

export type BadgeState = { text: string; colour: string | null; title: string };

const TITLES: Record<UiLanguage, { none: string; idle: string; some: (n: number, worst: Severity) => string }> = {
  en: {
    idle: 'Fair Exit',
    none: 'Fair Exit: no problems found on this page',
    some: (n, w) => `Fair Exit: ${n} problem${n === 1 ? '' : 's'} make leaving harder than joining (worst: ${w} severity)`,
  },
  'zh-CN': {
    idle: 'Fair Exit',
    none: 'Fair Exit:未发现让降级比升级更难的设计',
    some: (n, w) => `Fair Exit:发现 ${n} 处让降级比升级更难的设计(最严重:${{ high: '高', medium: '中', low: '低' }[w]})`,
  },
  'zh-TW': {
    idle: 'Fair Exit',
    none: 'Fair Exit:未發現讓降級比升級更難的設計',
    some: (n, w) => `Fair Exit:發現 ${n} 處讓降級比升級更難的設計(最嚴重:${{ high: '高', medium: '中', low: '低' }[w]})`,
  },
};

/**
 * What the badge shows for a report: the count of `violation` findings (never `needs-review`),
 * coloured by the worst severity among them; empty when there are none or no report.
 */
export function badgeFor(report: PageReport | null, lang: UiLanguage): BadgeState {
  const t = TITLES[lang];
  const violations = report?.findings.filter((f) => f.verdict === 'violation') ?? [];
  if (!report || violations.length === 0) return { text: '', colour: null, title: report ? t.none : t.idle };
  const worst = ORDER.find((s) => violations.some((f) => f.severity === s)) ?? 'low';
  return { text: String(violations.length), colour: COLOURS[worst], title: t.some(violations.length, worst) };
}

export type ActionApi = {
  setBadgeText(d: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(d: { tabId: number; color: string }): Promise<void>;
  setTitle(d: { tabId: number; title: string }): Promise<void>;
};

/** Shows a tab's badge and title; a tab that has gone meanwhile is not an error. */
export async function applyBadge(action: ActionApi, tabId: number, report: PageReport | null, lang: UiLanguage): Promise<BadgeState> {
  const badge = badgeFor(report, lang);
  try {
    if (badge.colour) await action.setBadgeBackgroundColor({ tabId, color: badge.colour });
    await action.setTitle({ tabId, title: badge.title });
    await action.setBadgeText({ tabId, text: badge.text });
  } catch (e) {
    if (!/no tab/i.test(String(e))) console.warn('[fair-exit] badge not shown', e);
  }
  return badge;
}
