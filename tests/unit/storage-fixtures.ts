import type { Finding, PageReport } from '../../src/report/schema';

let clock = Date.parse('2026-11-01T10:00:00.000Z');
/** A distinct, increasing scan time for each report made. */
export const nextScanTime = () => new Date((clock += 1000)).toISOString();

export function finding(rule: Finding['rule'], over: Partial<Finding> = {}): Finding {
  return { id: `${rule}-1`, rule, severity: 'high', verdict: 'violation', controls: ['c1'], message: `${rule} found: ratio 3.2`, evidence: {}, ...over };
}

export function report(url: string, findings: Finding[], over: Partial<PageReport> = {}): PageReport {
  return {
    url,
    title: `Plan page of ${new URL(url).hostname}`,
    scannedAt: nextScanTime(),
    scanMs: 3,
    subscriptionPage: true,
    language: 'en',
    controls: [{ id: 'c1', role: 'upgrade', text: 'Upgrade now', selector: '#up', salience: 80, visible: true, factors: {} }],
    findings,
    ...over,
  };
}
