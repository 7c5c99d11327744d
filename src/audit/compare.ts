/**
 * --compare: what changed since an earlier audit. Pages are matched by pageKey, findings by a
 * signature (generated finding ids are not stable across runs). Pure functions.
 */
import type { AuditOutput, Finding, PageReport, RuleId } from '../report/schema';

export type FindingRef = { rule: RuleId; verdict: Finding['verdict']; severity: Finding['severity']; message: string };
export type RowChange = { page: 'same' | 'new-page'; added: FindingRef[]; fixed: FindingRef[] };

export type Comparison = {
  /** Page key -> what changed on that page. */
  pages: Map<string, RowChange>;
  /** Pages of the earlier audit that this run did not audit (nothing is claimed about them). */
  missing: { url: string; title: string }[];
};

/**
 * The identity of a page across runs: its URL, except that a local file's loopback URL
 * (http://127.0.0.1:<port>/r<n>/file.html) loses its port, which changes every run.
 */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    if ((u.hostname === '127.0.0.1' || u.hostname === 'localhost') && /^\/r\d+\//.test(u.pathname)) return `local:${u.pathname}${u.search}${u.hash}`;
    return u.href;
  } catch {
    return url;
  }
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** Every {id, text} pair found in a finding's evidence (its stay/exit/control snapshots). */
function evidenceTexts(v: unknown, out = new Map<string, string>(), depth = 0): Map<string, string> {
  if (depth > 4 || !v || typeof v !== 'object') return out;
  if (Array.isArray(v)) {
    for (const x of v) evidenceTexts(x, out, depth + 1);
    return out;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.id === 'string' && typeof o.text === 'string' && !out.has(o.id)) out.set(o.id, o.text);
  for (const x of Object.values(o)) evidenceTexts(x, out, depth + 1);
  return out;
}

/**
 * What makes a finding "the same" in two runs: its rule and the sentence it quotes (numbers
 * aside), or, for a finding about controls, its rule and the controls' texts.
 */
export function findingSignature(f: Finding, page: PageReport): string {
  const sentence = f.evidence.sentence;
  // Numbers are left out: a countdown ticks and a date moves between runs, the finding stays.
  if (typeof sentence === 'string' && sentence.trim()) return `${f.rule}\u0000s\u0000${norm(sentence).replace(/\d+/g, '#')}`;
  const fromEvidence = evidenceTexts(f.evidence);
  const texts = f.controls.map((id) => page.controls.find((c) => c.id === id)?.text ?? fromEvidence.get(id) ?? '').map(norm);
  if (texts.some(Boolean)) return `${f.rule}\u0000c\u0000${texts.sort().join('\u0001')}`;
  return `${f.rule}\u0000r`;
}

const ref = (f: Finding): FindingRef => ({ rule: f.rule, verdict: f.verdict, severity: f.severity, message: f.message });

/** Findings of `now` not in `before` (as multisets of signatures). */
function difference(now: PageReport, before: PageReport): Finding[] {
  const counts = new Map<string, number>();
  for (const f of before.findings) {
    const s = findingSignature(f, before);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const out: Finding[] = [];
  for (const f of now.findings) {
    const s = findingSignature(f, now);
    const c = counts.get(s) ?? 0;
    if (c > 0) counts.set(s, c - 1);
    else out.push(f);
  }
  return out;
}

export function compareAudits(current: AuditOutput, old: AuditOutput): Comparison {
  const oldByKey = new Map(old.pages.map((p) => [pageKey(p.url), p]));
  const pages = new Map<string, RowChange>();
  for (const p of current.pages) {
    const key = pageKey(p.url);
    const before = oldByKey.get(key);
    if (!before) pages.set(key, { page: 'new-page', added: [], fixed: [] });
    else pages.set(key, { page: 'same', added: difference(p, before).map(ref), fixed: difference(before, p).map(ref) });
  }
  const seen = new Set(current.pages.map((p) => pageKey(p.url)));
  const missing = old.pages.filter((p) => !seen.has(pageKey(p.url))).map((p) => ({ url: p.url, title: p.title }));
  return { pages, missing };
}
