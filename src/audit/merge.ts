/**
 * Joins several audits (the shards of one list, or separate runs) into one: the pages, the flows and
 * the survey's target list, with page folders renamed where two audits used the same name.
 * Pure: merge-cli.ts reads the inputs and copies the folders.
 */
import type { AuditOutput, FlowReport, PageReport } from '../report/schema';
import { pageKey } from './compare';
import type { SurveyMeta, SurveyTarget } from './survey';

export type MergePart = { source: string; output: AuditOutput; meta: SurveyMeta | null };
/** A page folder to copy: `from` relative to its part's folder, `to` relative to the merged folder. */
export type FolderCopy = { part: number; from: string; to: string };
export type Merged = { output: AuditOutput; meta: SurveyMeta | null; copies: FolderCopy[]; warnings: string[] };

export function mergeAudits(parts: MergePart[], compare: string | null = null): Merged {
  if (parts.length === 0) throw new Error('nothing to merge');
  const warnings: string[] = [];
  const tool = parts[0].output.tool;
  for (const p of parts.slice(1)) {
    if (p.output.tool.version !== tool.version) warnings.push(`${p.source} was made by ${p.output.tool.name} ${p.output.tool.version}, ${parts[0].source} by ${tool.version}`);
  }

  const pages: PageReport[] = [];
  const pageFrom = new Map<string, number>();
  parts.forEach((part, i) => {
    for (const page of part.output.pages) {
      const key = pageKey(page.url);
      const first = pageFrom.get(key);
      if (first !== undefined && first !== i) {
        warnings.push(`${page.url} is in ${parts[first].source} and ${part.source}; kept the first`);
        continue;
      }
      pageFrom.set(key, i);
      pages.push(page);
    }
  });
  const flows: FlowReport[] = [];
  const flowFrom = new Map<string, string>();
  for (const part of parts) {
    for (const f of part.output.flows ?? []) {
      const first = flowFrom.get(f.name);
      if (first !== undefined) warnings.push(`flow "${f.name}" is in ${first} and ${part.source}; kept the first`);
      else {
        flowFrom.set(f.name, part.source);
        flows.push(f);
      }
    }
  }
  const output: AuditOutput = { schemaVersion: 1, tool, pages, ...(flows.length ? { flows } : {}) };

  const metas = parts.filter((p) => p.meta).map((p) => p.meta!);
  if (metas.length === 0) return { output, meta: null, copies: [], warnings };
  warnings.push(...missingShards(metas));

  const targets: SurveyTarget[] = [];
  const copies: FolderCopy[] = [];
  const seenTargets = new Set<string>();
  const folders = new Set<string>();
  parts.forEach((part, i) => {
    for (const t of part.meta?.targets ?? []) {
      // A target listed by two parts (overlapping shards) appears once.
      if (seenTargets.has(t.target)) continue;
      seenTargets.add(t.target);
      let folder = t.folder;
      if (folder) {
        if (folders.has(folder)) folder = `${folder}-${i + 1}`;
        folders.add(folder);
        copies.push({ part: i, from: t.folder!, to: folder });
      }
      targets.push({ ...t, folder });
    }
  });
  // Shards of one list number their targets by the whole list; separate lists are numbered anew.
  if (new Set(targets.map((t) => t.n)).size !== targets.length) targets.forEach((t, i) => (t.n = i + 1));
  targets.sort((a, b) => a.n - b.n);

  const meta: SurveyMeta = {
    surveyVersion: 1,
    startedAt: metas.map((m) => m.startedAt).sort()[0],
    // The parts may have run side by side on different machines: the longest is the wall time.
    elapsedMs: Math.max(...metas.map((m) => m.elapsedMs)),
    concurrency: Math.max(...metas.map((m) => m.concurrency)),
    shard: null,
    interrupted: metas.some((m) => m.interrupted),
    compare,
    mergedFrom: parts.map((p) => p.source),
    targets,
  };
  return { output, meta, copies, warnings };
}

/** Warnings for the shards K/N missing from a set of shard runs. */
function missingShards(metas: SurveyMeta[]): string[] {
  const byN = new Map<number, Set<number>>();
  for (const m of metas) {
    const match = m.shard ? /^(\d+)\/(\d+)$/.exec(m.shard) : null;
    if (!match) continue;
    const n = Number(match[2]);
    byN.set(n, (byN.get(n) ?? new Set()).add(Number(match[1])));
  }
  const out: string[] = [];
  for (const [n, ks] of byN) {
    const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !ks.has(k));
    if (missing.length) out.push(`shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${n}`).join(', ')} not among the inputs: the merged survey is incomplete`);
  }
  return out;
}
