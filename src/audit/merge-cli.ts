/**
 * `npm run audit:merge -- --out DIR [--json] [--compare OLD.json] INPUT...`: joins the audit.json
 * files or --out folders of several shards or runs into one survey under DIR (audit.json,
 * survey.json, index.html, summary.csv, and each page's and flow's folder, copied). docs/audit.md.
 */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditOutput } from '../report/schema';
import { UsageError } from './args';
import { mergeAudits, type MergePart } from './merge';
import { readAuditOutput, writeSurveyFiles } from './out';
import { formatTable } from './table';

const log = (s: string) => process.stderr.write(`${s}\n`);
export const MERGE_USAGE = 'usage: npm run audit:merge -- --out DIR [--json] [--compare OLD.json] INPUT...   (INPUT: an audit.json or an --out folder)';

export type MergeArgs = { out: string; json: boolean; compare: string | null; inputs: string[] };

export function parseMergeArgs(argv: string[]): MergeArgs {
  const args: MergeArgs = { out: '', json: false, compare: null, inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--out') args.out = value();
    else if (a === '--json') args.json = true;
    else if (a === '--compare') args.compare = value();
    else if (a === '--help' || a === '-h') throw new UsageError(MERGE_USAGE);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else args.inputs.push(a);
  }
  if (!args.out) throw new UsageError(`--out DIR is required\n${MERGE_USAGE}`);
  if (args.inputs.length === 0) throw new UsageError(`nothing to merge\n${MERGE_USAGE}`);
  return args;
}

export function runMerge(args: MergeArgs): number {
  let parts: (MergePart & { dir: string | null })[];
  let old: AuditOutput | null;
  try {
    parts = args.inputs.map((source) => ({ source, ...readAuditOutput(source) }));
    old = args.compare ? readAuditOutput(args.compare, '--compare').output : null;
  } catch (e) {
    log(`fair-exit: ${(e as Error).message}`);
    return 2;
  }
  const merged = mergeAudits(parts, args.compare);
  for (const w of merged.warnings) log(`fair-exit: ${w}`);
  for (const c of merged.copies) {
    const dir = parts[c.part].dir;
    const from = dir ? resolve(dir, c.from) : null;
    const to = resolve(args.out, c.to);
    if (from && from !== to && existsSync(from)) cpSync(from, to, { recursive: true });
  }
  copyFlowFolders(parts, args.out);
  const survey = writeSurveyFiles(args.out, merged.output, merged.meta, old);
  if (args.json) process.stdout.write(`${JSON.stringify(merged.output, null, 2)}\n`);
  else {
    const failures = (merged.meta?.targets ?? []).filter((t) => t.status === 'failed').map((t) => ({ target: t.target, reason: t.reason ?? '' }));
    process.stdout.write(`${formatTable(merged.output, failures, old ? survey : null)}\n`);
  }
  log(`fair-exit: merged ${parts.length} audit(s), ${merged.output.pages.length} page(s), into ${join(args.out, 'index.html')}`);
  return 0;
}

/** The flows' folders (DIR/flows/NNN-name from --flow); a name already copied gets the input's number. */
function copyFlowFolders(parts: { dir: string | null }[], out: string): void {
  const copied = new Set<string>();
  parts.forEach((part, i) => {
    const src = part.dir ? resolve(part.dir, 'flows') : null;
    if (!src || !existsSync(src) || src === resolve(out, 'flows')) return;
    for (const name of readdirSync(src)) {
      const to = copied.has(name) ? `${name}-${i + 1}` : name;
      copied.add(to);
      cpSync(join(src, name), resolve(out, 'flows', to), { recursive: true });
    }
  });
}

function main(): void {
  try {
    process.exitCode = runMerge(parseMergeArgs(process.argv.slice(2)));
  } catch (e) {
    log(`fair-exit: ${(e as Error).message}`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''))) main();
