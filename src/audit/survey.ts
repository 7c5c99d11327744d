/**
 * The survey table behind index.html, summary.csv and the readable table: one row per target, with
 * its verdict, violations by rule, the stay/exit salience ratio, its bundle folder and, with
 * --compare, what changed since an earlier audit. Pure functions: no file or browser access.
 */
import { RULE_IDS, type AuditOutput, type Control, type Finding, type PageReport, type RuleId } from '../report/schema';

/** What the audit records about each target beside the AuditOutput (DIR/survey.json). */
export type SurveyTarget = {
  /** 1-based position in the whole (unsharded) target list; bundle folders are numbered by it. */
  n: number;
  target: string;
  /** The URL opened (a local file's loopback URL); null when it could not be opened. */
  url: string | null;
  /** The page's folder under --out, relative to it; null when nothing was written. */
  folder: string | null;
  status: 'ok' | 'failed' | 'not-run';
  reason?: string;
};

export type SurveyMeta = {
  surveyVersion: 1;
  startedAt: string;
  elapsedMs: number;
  concurrency: number;
  shard: string | null;
  /** True when the run was stopped (Ctrl-C) before every target was audited. */
  interrupted: boolean;
  /** The earlier audit compared against (--compare), as given. */
  compare: string | null;
  targets: SurveyTarget[];
};

export type Verdict = 'violations' | 'needs-review' | 'no-findings' | 'not-a-plan-page' | 'failed' | 'not-run';
export const VERDICT_LABEL: Record<Verdict, string> = {
  violations: 'violations',
  'needs-review': 'to review',
  'no-findings': 'no findings',
  'not-a-plan-page': 'not a plan page',
  failed: 'failed',
  'not-run': 'not audited (stopped)',
};

export type SideControl = { text: string; role: Control['role']; salience: number };
export type SalienceRatio = { stay: SideControl | null; exit: SideControl | null; ratio: number | null };
export type FindingRef = { rule: RuleId; verdict: Finding['verdict']; severity: Finding['severity']; message: string };
export type RowChange = { page: 'same' | 'new-page'; added: FindingRef[]; fixed: FindingRef[] };

export type Row = {
  n: number;
  target: string;
  url: string;
  title: string;
  status: SurveyTarget['status'];
  reason: string;
  verdict: Verdict;
  violations: number;
  review: number;
  /** Violations (not needs-review) per rule. */
  byRule: Record<RuleId, number>;
  salience: SalienceRatio;
  folder: string | null;
  /** Null when no earlier audit was given. */
  change: RowChange | null;
};

export type Comparison = {
  /** Page key -> what changed on that page. */
  pages: Map<string, RowChange>;
  /** Pages of the earlier audit that this run did not audit (nothing is claimed about them). */
  missing: { url: string; title: string }[];
};

export type Survey = {
  rows: Row[];
  meta: SurveyMeta | null;
  comparison: Comparison | null;
  tool: AuditOutput['tool'];
};

/** The rules that can appear on a page report (flow-asymmetry belongs to flows). */
export const PAGE_RULES = RULE_IDS.filter((r) => r !== 'flow-asymmetry');

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

/** The loudest stay-side (upgrade/retain) and exit-side (downgrade/cancel) controls and their ratio. */
export function salienceRatio(p: PageReport): SalienceRatio {
  const loudest = (roles: Control['role'][]) =>
    p.controls.filter((c) => roles.includes(c.role)).reduce<Control | null>((best, c) => (!best || c.salience > best.salience ? c : best), null);
  const side = (c: Control | null): SideControl | null => (c ? { text: c.text, role: c.role, salience: c.salience } : null);
  const stay = loudest(['upgrade', 'retain']);
  const exit = loudest(['downgrade', 'cancel']);
  let ratio: number | null = null;
  if (stay && exit) ratio = exit.salience > 0 ? stay.salience / exit.salience : Number.POSITIVE_INFINITY;
  return { stay: side(stay), exit: side(exit), ratio };
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
 * What makes a finding "the same" in two runs (generated ids are not stable): its rule and the
 * sentence it quotes, or, for a finding about controls, its rule and the controls' texts.
 */
export function findingSignature(f: Finding, page: PageReport): string {
  const sentence = f.evidence.sentence;
  if (typeof sentence === 'string' && sentence.trim()) return `${f.rule}\u0000s\u0000${norm(sentence)}`;
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

/** What changed since an earlier audit: pages matched by URL, findings by signature. */
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

function emptyByRule(): Record<RuleId, number> {
  return Object.fromEntries(RULE_IDS.map((r) => [r, 0])) as Record<RuleId, number>;
}

function pageRow(n: number, target: string, p: PageReport, folder: string | null, comparison: Comparison | null): Row {
  const byRule = emptyByRule();
  let violations = 0;
  for (const f of p.findings) {
    if (f.verdict !== 'violation') continue;
    violations++;
    byRule[f.rule]++;
  }
  const review = p.findings.length - violations;
  const verdict: Verdict = violations ? 'violations' : review ? 'needs-review' : p.subscriptionPage ? 'no-findings' : 'not-a-plan-page';
  return {
    n,
    target,
    url: p.url,
    title: p.title,
    status: 'ok',
    reason: '',
    verdict,
    violations,
    review,
    byRule,
    salience: salienceRatio(p),
    folder,
    change: comparison ? (comparison.pages.get(pageKey(p.url)) ?? { page: 'new-page', added: [], fixed: [] }) : null,
  };
}

/**
 * The survey table. With the run's metadata, one row per target in list order (failed and
 * not-run targets included); without it (an audit.json alone), one row per page.
 */
export function buildSurvey(output: AuditOutput, meta: SurveyMeta | null, old: AuditOutput | null = null): Survey {
  const comparison = old ? compareAudits(output, old) : null;
  const rows: Row[] = [];
  const byKey = new Map(output.pages.map((p) => [pageKey(p.url), p]));
  const used = new Set<string>();
  if (meta) {
    for (const t of meta.targets) {
      const key = t.url ? pageKey(t.url) : null;
      const p = key && t.status === 'ok' ? byKey.get(key) : undefined;
      if (p && key && !used.has(key)) {
        used.add(key);
        rows.push(pageRow(t.n, t.target, p, t.folder, comparison));
        continue;
      }
      const status = t.status === 'ok' ? 'failed' : t.status;
      rows.push({
        n: t.n,
        target: t.target,
        url: t.url ?? '',
        title: '',
        status,
        reason: t.reason ?? (t.status === 'ok' ? 'report missing from audit.json' : ''),
        verdict: status,
        violations: 0,
        review: 0,
        byRule: emptyByRule(),
        salience: { stay: null, exit: null, ratio: null },
        folder: null,
        change: null,
      });
    }
  }
  // Pages that no target entry accounts for (an audit.json without survey.json, or a merge).
  let n = rows.reduce((m, r) => Math.max(m, r.n), 0);
  for (const p of output.pages) {
    const key = pageKey(p.url);
    if (used.has(key)) continue;
    used.add(key);
    rows.push(pageRow(++n, p.url, p, null, comparison));
  }
  rows.sort((a, b) => a.n - b.n);
  return { rows, meta, comparison, tool: output.tool };
}

/** Totals over the table: pages with a violation of each rule, and violations of each rule. */
export function ruleTotals(rows: Row[]): { rule: RuleId; pages: number; violations: number }[] {
  return PAGE_RULES.map((rule) => ({
    rule,
    pages: rows.filter((r) => r.byRule[rule] > 0).length,
    violations: rows.reduce((s, r) => s + r.byRule[rule], 0),
  }));
}

export function formatRatio(r: number | null): string {
  if (r === null) return '';
  if (!Number.isFinite(r)) return 'inf';
  return r.toFixed(2);
}
