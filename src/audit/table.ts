/** The readable output of the audit: one block per page. */
import type { AuditOutput } from '../report/schema';

export function formatTable(out: AuditOutput, failures: { target: string; reason: string }[]): string {
  const lines: string[] = [];
  for (const p of out.pages) {
    const violations = p.findings.filter((f) => f.verdict === 'violation');
    const review = p.findings.length - violations.length;
    lines.push(`${p.url}`);
    lines.push(`  ${p.title || '(no title)'} · ${p.subscriptionPage ? 'subscription page' : 'not a subscription page'} · ${p.controls.length} plan controls · scan ${p.scanMs} ms`);
    if (p.findings.length === 0) lines.push('  no findings');
    else lines.push(`  ${violations.length} violation(s), ${review} to review`);
    for (const f of [...violations, ...p.findings.filter((f) => f.verdict !== 'violation')]) {
      const tag = f.verdict === 'violation' ? f.severity.toUpperCase().padEnd(6) : 'REVIEW';
      lines.push(`  ${tag} ${f.rule.padEnd(22)} ${f.message}`);
    }
    lines.push('');
  }
  for (const f of failures) lines.push(`FAILED ${f.target}: ${f.reason}`);
  const total = out.pages.reduce((n, p) => n + p.findings.filter((f) => f.verdict === 'violation').length, 0);
  lines.push(`${out.pages.length} page(s) audited, ${total} violation(s), ${failures.length} failed`);
  return lines.join('\n');
}
