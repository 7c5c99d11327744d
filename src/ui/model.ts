/** What the popup shows, worked out from plain data (no extension APIs here). */
import type { StorageStatus, TabReportReply } from '../messages';
import type { Control, Finding, PageReport, Severity } from '../report/schema';

export type Unscannable = 'browser-page' | 'store' | 'pdf' | 'file' | 'not-web' | 'no-report' | 'site-off' | 'no-scanner' | 'no-tab' | 'error';

export type ReportEntry = NonNullable<TabReportReply>;

export type PopupView =
  { kind: 'loading' } | { kind: 'unscannable'; reason: Unscannable; url?: string; detail?: string } | { kind: 'report'; entry: ReportEntry; storage: StorageStatus | null };

const BROWSER_SCHEMES = new Set([
  'chrome:',
  'chrome-extension:',
  'chrome-search:',
  'chrome-untrusted:',
  'devtools:',
  'edge:',
  'brave:',
  'opera:',
  'vivaldi:',
  'about:',
  'moz-extension:',
  'resource:',
  'view-source:',
]);
const STORES: [host: string, path: string][] = [
  ['chromewebstore.google.com', '/'],
  ['chrome.google.com', '/webstore'],
  ['microsoftedge.microsoft.com', '/addons'],
  ['addons.mozilla.org', '/'],
];

/** Why a tab with this address cannot have a report, or null when it is an ordinary web page. */
export function classifyUrl(url: string | undefined): Unscannable | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not-web';
  }
  if (BROWSER_SCHEMES.has(u.protocol)) return 'browser-page';
  if (u.protocol === 'file:') return /\.pdf$/i.test(u.pathname) ? 'pdf' : 'file';
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'not-web';
  if (STORES.some(([host, path]) => u.hostname === host && u.pathname.startsWith(path))) return 'store';
  if (/\.pdf$/i.test(u.pathname)) return 'pdf';
  return null;
}

/** The view for a tab: its report when there is one, otherwise why there is none. */
export function viewFor(input: {
  reply: { ok: true; data: TabReportReply } | { ok: false; error: string };
  tabUrl?: string;
  storage?: StorageStatus | null;
  /** The user turned scanning off for the tab's site. */
  siteOff?: boolean;
  /** The tab does not exist (closed, or a wrong ?tab= id). */
  tabGone?: boolean;
}): PopupView {
  const { reply, tabUrl } = input;
  if (reply.ok && reply.data) return { kind: 'report', entry: reply.data, storage: input.storage ?? null };
  if (input.tabGone) return { kind: 'unscannable', reason: 'no-tab' };
  if (!reply.ok) return { kind: 'unscannable', reason: 'error', url: tabUrl, detail: reply.error };
  return { kind: 'unscannable', reason: classifyUrl(tabUrl) ?? (input.siteOff ? 'site-off' : 'no-report'), url: tabUrl };
}

export const SEVERITIES: Severity[] = ['high', 'medium', 'low'];

export type Summary = {
  violations: Finding[];
  review: Finding[];
  bySeverity: Record<Severity, Finding[]>;
};

/** Violations grouped by severity; needs-review findings apart and never counted. */
export function summarize(report: PageReport): Summary {
  const violations = report.findings.filter((f) => f.verdict === 'violation');
  const review = report.findings.filter((f) => f.verdict === 'needs-review');
  const bySeverity = { high: [], medium: [], low: [] } as Record<Severity, Finding[]>;
  for (const f of violations) bySeverity[f.severity].push(f);
  return { violations, review, bySeverity };
}

export type VerdictKind = 'problems' | 'review-only' | 'fair' | 'not-plan';

export function verdictKind(report: PageReport, s: Summary = summarize(report)): VerdictKind {
  if (s.violations.length > 0) return 'problems';
  if (s.review.length > 0) return 'review-only';
  return report.subscriptionPage ? 'fair' : 'not-plan';
}

/** The report's controls by id. */
export function controlsById(report: PageReport): Map<string, Control> {
  return new Map(report.controls.map((c) => [c.id, c]));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Quoted page sentences a finding rests on, with where they are. */
export function sentencesOf(f: Finding): { sentence: string; selector?: string }[] {
  const ev = f.evidence;
  const list = Array.isArray(ev.sentences) ? ev.sentences.filter(isRecord) : [];
  const out = list
    .filter((s) => typeof s.sentence === 'string')
    .map((s) => ({ sentence: s.sentence as string, selector: typeof s.selector === 'string' ? s.selector : undefined }));
  if (out.length === 0 && typeof ev.sentence === 'string') out.push({ sentence: ev.sentence, selector: typeof ev.selector === 'string' ? ev.selector : undefined });
  return out;
}

/**
 * What to outline on the page for a finding: the sentences it quotes first (they are the proof for
 * sentence rules), then its controls. The page scrolls to the first one.
 */
export function selectorsFor(f: Finding, report: PageReport): string[] {
  const byId = controlsById(report);
  const out: string[] = [];
  for (const s of sentencesOf(f)) if (s.selector) out.push(s.selector);
  for (const id of f.controls) {
    const c = byId.get(id);
    if (c?.selector) out.push(c.selector);
  }
  return [...new Set(out)];
}

export { isRecord };
