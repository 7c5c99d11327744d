/**
 * The survey table behind index.html, summary.csv and the readable table: one row per target, with
 * its verdict, violations by rule, the stay/exit salience ratio, its bundle folder and, with
 * --compare, what changed since an earlier audit. Pure functions: no file or browser access.
 */
import * as z from 'zod/mini';
import { RULE_IDS, type AuditOutput, type Control, type FlowReport, type PageReport, type RuleId } from '../report/schema';
import { compareAudits, pageKey, type Comparison, type RowChange } from './compare';

/** One target of the run as DIR/survey.json records it. */
export const SurveyTarget = z.object({
  /** 1-based position in the whole (unsharded) target list; page folders are numbered by it. */
  n: z.number(),
  target: z.string(),
  /** The URL opened (a local file's loopback URL); null when it could not be opened. */
  url: z.nullable(z.string()),
  /** The URL of the page audited, when a redirect took the tab elsewhere (its report's url). */
  page: z.optional(z.string()),
  /** The page's folder under --out, relative to it; null when nothing was written. */
  folder: z.nullable(z.string()),
  status: z.enum(['ok', 'failed', 'not-run']),
  reason: z.optional(z.string()),
  /** Time from opening the tab to taking the report. */
  ms: z.optional(z.number()),
});
export type SurveyTarget = z.infer<typeof SurveyTarget>;

/** What the audit records about the run beside the AuditOutput (DIR/survey.json). */
export const SurveyMeta = z.object({
  surveyVersion: z.literal(1),
  startedAt: z.string(),
  elapsedMs: z.number(),
  concurrency: z.number(),
  /** "K/N" for a --shard run. */
  shard: z.nullable(z.string()),
  /** True when the run was stopped (Ctrl-C) before every target was audited. */
  interrupted: z.boolean(),
  /** The earlier audit compared against (--compare), as given. */
  compare: z.nullable(z.string()),
  /** For `npm run audit:merge`: the audits joined. */
  mergedFrom: z.optional(z.array(z.string())),
  targets: z.array(SurveyTarget),
});
export type SurveyMeta = z.infer<typeof SurveyMeta>;

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
  /** The row (#n) of an earlier target that ended on the same page; such a row is not counted again. */
  sameAs?: number;
};

export type Survey = {
  rows: Row[];
  meta: SurveyMeta | null;
  comparison: Comparison | null;
  tool: AuditOutput['tool'];
  /** The recorded flows (--flow), shown apart from the page rows. */
  flows: FlowReport[];
};

/** The rules that can appear on a page report (flow-asymmetry belongs to flows). */
export const PAGE_RULES = RULE_IDS.filter((r) => r !== 'flow-asymmetry');

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
  const rowOfPage = new Map<string, number>();
  if (meta) {
    for (const t of meta.targets) {
      const key = t.status === 'ok' && (t.page ?? t.url) ? pageKey((t.page ?? t.url)!) : null;
      const p = key ? byKey.get(key) : undefined;
      if (p && key) {
        const first = rowOfPage.get(key);
        const row = pageRow(t.n, t.target, p, t.folder, comparison);
        // Two targets can end on one page (redirects, a sign-in page): both rows show it, once counted.
        if (first !== undefined) Object.assign(row, { sameAs: first, reason: `ended on the same page as #${first}` });
        else rowOfPage.set(key, t.n);
        rows.push(row);
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
    if (rowOfPage.has(key)) continue;
    rowOfPage.set(key, ++n);
    rows.push(pageRow(n, p.url, p, null, comparison));
  }
  rows.sort((a, b) => a.n - b.n);
  return { rows, meta, comparison, tool: output.tool, flows: output.flows ?? [] };
}

/** Totals over the table: pages with a violation of each rule, and violations of each rule. */
export function ruleTotals(all: Row[]): { rule: RuleId; pages: number; violations: number }[] {
  const rows = all.filter((r) => r.sameAs === undefined);
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
