/** The flows in the audit's outputs: the readable table and one folder per flow under --out. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';
import type { FlowReport, PathRecord } from '../report/schema';
import type { FlowBundleBytes } from './flow-runner';

const line = (label: string, p: PathRecord) =>
  `  ${label.padEnd(5)} ${p.completed ? 'completed' : 'NOT COMPLETED'} · ${p.clicks} click(s) · ${p.pages} page(s) · ${p.interstitials} interstitial(s)`;

export function formatFlows(flows: FlowReport[]): string {
  const lines: string[] = [];
  for (const f of flows) {
    lines.push(`flow: ${f.name}`);
    lines.push(line('join', f.paths.join), line('exit', f.paths.exit));
    for (const [label, p] of [
      ['join', f.paths.join],
      ['exit', f.paths.exit],
    ] as const) {
      const steps = p.steps.filter((s) => s.action !== 'start').map((s) => `${s.action}${s.text ? ` “${s.text}”` : ''}${s.interstitial ? ' [interstitial]' : ''}`);
      lines.push(`    ${label} steps: ${steps.join(' → ') || '(none)'}`);
    }
    if (f.findings.length === 0) lines.push('  no findings');
    for (const x of f.findings) lines.push(`  ${x.verdict === 'violation' ? x.severity.toUpperCase().padEnd(6) : 'REVIEW'} ${x.rule.padEnd(22)} ${x.message}`);
    lines.push('');
  }
  return lines.join('\n');
}

const slug = (s: string) =>
  s
    .replace(/[^\p{L}\p{N}.-]+/gu, '_')
    .replace(/^[._]+|_+$/g, '')
    .slice(0, 60) || 'flow';

/**
 * <out>/flows/<n>-<name>/: report.json (the FlowReport: paths, steps, findings) and, when the
 * extension made one, the flow's evidence bundle: the .zip and its files unpacked beside it
 * (flow.json, steps.txt, steps/*.png, manifest.json), exactly as zipped so the hashes match.
 */
export function writeFlowFolders(dir: string, flows: FlowReport[], bundles: (FlowBundleBytes | null)[] = []): void {
  flows.forEach((f, i) => {
    const folder = join(dir, 'flows', `${String(i + 1).padStart(3, '0')}-${slug(f.name)}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'report.json'), `${JSON.stringify(f, null, 2)}\n`);
    const bundle = bundles[i];
    if (!bundle) return;
    for (const [name, bytes] of Object.entries(unzipSync(bundle.zip))) {
      const path = resolve(folder, name);
      if (!path.startsWith(`${resolve(folder)}${sep}`)) throw new Error(`bundle file outside its folder: ${name}`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
    writeFileSync(join(folder, basename(bundle.fileName)), bundle.zip);
  });
}
