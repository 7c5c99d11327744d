/** The readable output of the audit: one block per page. */
import type { AuditOutput } from '../report/schema';
import { pageKey } from './compare';
import type { Survey } from './survey';

/** With `compared` (a survey built with --compare), new and fixed findings are marked. */
export function formatTable(out: AuditOutput, failures: { target: string; reason: string }[], compared: Survey | null = null): string {
  const lines: string[] = [];
  let added = 0;
  let fixed = 0;
  for (const p of out.pages) {
    const violations = p.findings.filter((f) => f.verdict === 'violation');
    const review = p.findings.length - violations.length;
    const change = compared?.comparison?.pages.get(pageKey(p.url)) ?? null;
    lines.push(`${p.url}${change?.page === 'new-page' ? '  [new page since the earlier audit]' : ''}`);
    lines.push(`  ${p.title || '(no title)'} · ${p.subscriptionPage ? 'subscription page' : 'not a subscription page'} · ${p.controls.length} plan controls · scan ${p.scanMs} ms`);
    if (p.findings.length === 0) lines.push('  no findings');
    else lines.push(`  ${violations.length} violation(s), ${review} to review`);
    // A finding is marked NEW when it is one of the page's new findings (same rule and message).
    const newOnes = [...(change?.added ?? [])];
    for (const f of [...violations, ...p.findings.filter((f) => f.verdict !== 'violation')]) {
      const tag = f.verdict === 'violation' ? f.severity.toUpperCase().padEnd(6) : 'REVIEW';
      const i = newOnes.findIndex((a) => a.rule === f.rule && a.message === f.message);
      const mark = i >= 0 ? 'NEW   ' : compared ? '      ' : '';
      if (i >= 0) newOnes.splice(i, 1);
      lines.push(`  ${mark}${tag} ${f.rule.padEnd(22)} ${f.message}`);
    }
    for (const f of change?.fixed ?? []) lines.push(`  FIXED ${f.verdict === 'violation' ? f.severity.toUpperCase().padEnd(6) : 'REVIEW'} ${f.rule.padEnd(22)} ${f.message}`);
    added += change?.added.length ?? 0;
    fixed += change?.fixed.length ?? 0;
    lines.push('');
  }
  for (const f of failures) lines.push(`FAILED ${f.target}: ${f.reason}`);
  const total = out.pages.reduce((n, p) => n + p.findings.filter((f) => f.verdict === 'violation').length, 0);
  lines.push(`${out.pages.length} page(s) audited, ${total} violation(s), ${failures.length} failed`);
  if (compared?.comparison) {
    const missing = compared.comparison.missing.length;
    lines.push(`since the earlier audit: ${added} new finding(s), ${fixed} fixed${missing ? `, ${missing} earlier page(s) not audited this time` : ''}`);
  }
  return lines.join('\n');
}
