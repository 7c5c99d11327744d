/** The flows in the audit's outputs: the readable table and one folder per flow under --out. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowReport, PathRecord } from '../report/schema';

const line = (label: string, p: PathRecord) =>
  `  ${label.padEnd(5)} ${p.completed ? 'completed' : 'NOT COMPLETED'} · ${p.clicks} click(s) · ${p.pages} page(s) · ${p.interstitials} interstitial(s)`;

export function formatFlows(flows: FlowReport[]): string {
  const lines: string[] = [];
  for (const f of flows) {
    lines.push(`flow: ${f.name}`);
    lines.push(line('join', f.paths.join), line('exit', f.paths.exit));
    for (const [label, p] of [['join', f.paths.join], ['exit', f.paths.exit]] as const) {
      const steps = p.steps.filter((s) => s.action !== 'start').map((s) => `${s.action}${s.text ? ` “${s.text}”` : ''}${s.interstitial ? ' [interstitial]' : ''}`);
      lines.push(`    ${label} steps: ${steps.join(' → ') || '(none)'}`);
    }
    if (f.findings.length === 0) lines.push('  no findings');
    for (const x of f.findings) lines.push(`  ${x.verdict === 'violation' ? x.severity.toUpperCase().padEnd(6) : 'REVIEW'} ${x.rule.padEnd(22)} ${x.message}`);
    lines.push('');
  }
  return lines.join('\n');
}

const slug = (s: string) => s.replace(/[^\p{L}\p{N}.-]+/gu, '_').replace(/^[._]+|_+$/g, '').slice(0, 60) || 'flow';

/** <out>/flows/<n>-<name>/flow.json: the flow's report (paths, steps, findings). */
export function writeFlowFolders(dir: string, flows: FlowReport[]): void {
  flows.forEach((f, i) => {
    const folder = join(dir, 'flows', `${String(i + 1).padStart(3, '0')}-${slug(f.name)}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'flow.json'), `${JSON.stringify(f, null, 2)}\n`);
  });
}
