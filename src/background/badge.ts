import type { PageReport, Severity } from '../report/schema';

const COLOURS: Record<Severity, string> = { high: '#c5221f', medium: '#b45309', low: '#7c6f00' };
const ORDER: Severity[] = ['high', 'medium', 'low'];

export type BadgeState = { text: string; colour: string | null; title: string };

/** What the badge shows for a report: the count of violations, coloured by the worst severity. */
export function badgeFor(report: PageReport | null, uiLanguage: string): BadgeState {
  const zh = uiLanguage.toLowerCase().startsWith('zh');
  const violations = report?.findings.filter((f) => f.verdict === 'violation') ?? [];
  if (!report || violations.length === 0) {
    const title = report
      ? zh ? 'Fair Exit:未发现让降级比升级更难的设计' : 'Fair Exit: no problems found on this page'
      : 'Fair Exit';
    return { text: '', colour: null, title };
  }
  const worst = ORDER.find((s) => violations.some((f) => f.severity === s)) ?? 'low';
  const n = violations.length;
  const title = zh
    ? `Fair Exit:发现 ${n} 处让降级比升级更难的设计`
    : `Fair Exit: ${n} problem${n === 1 ? '' : 's'} make leaving harder than joining`;
  return { text: String(n), colour: COLOURS[worst], title };
}
