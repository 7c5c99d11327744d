/**
 * What a saved report looks like in IndexedDB, and how a report gets its deterministic id: the same
 * page (URL) with the same set of findings is one entry whose `lastSeen` moves on; a changed set of
 * findings is a new entry, so a page's history is kept without one entry per scan.
 */
import * as z from 'zod/mini';
import { PageReport, RuleId, Severity, type Finding, type RuleId as RuleIdT, type Severity as SeverityT } from '../report/schema';
import type { StoredCapture } from '../evidence/types';
import { hashString } from './hash';

/** Version of the record format below; see `migrateRecord` and docs/storage.md. */
export const RECORD_VERSION = 1;
/** How many recent scan times a record remembers, to make replays idempotent. */
const RECENT_SCANS = 20;

export const Note = z.object({ findingId: z.optional(z.string()), note: z.string(), at: z.number() });
export type Note = z.infer<typeof Note>;

export const SavedReport = z.object({
  schemaVersion: z.literal(RECORD_VERSION),
  id: z.string(),
  url: z.string(),
  site: z.string(),
  title: z.string(),
  /** Epoch ms of the first and the latest scan that found this set of findings. */
  firstSeen: z.number(),
  lastSeen: z.number(),
  /** How many distinct scans found it. */
  seenCount: z.number(),
  /** `scannedAt` of the most recent scans (newest last), so a replayed save is not counted twice. */
  recentScans: z.array(z.string()),
  rules: z.array(RuleId),
  violations: z.number(),
  needsReview: z.number(),
  worst: z.nullable(Severity),
  /** The newest report with this set of findings. */
  report: PageReport,
  notes: z.array(Note),
  /** Approximate size in bytes (JSON length), for the storage policy. */
  bytes: z.number(),
});
export type SavedReport = z.infer<typeof SavedReport>;

export type ReportSummary = Omit<SavedReport, 'report' | 'recentScans' | 'notes'> & {
  /** Number of findings of each rule. */
  byRule: Partial<Record<RuleIdT, number>>;
  notes: number;
  hasScreenshot: boolean;
};

/**
 * A saved report's screenshot. `capture` (added with the evidence bundle; older entries lack it) is
 * everything else captured at the same moment: the whole page, crops, the page text and MHTML.
 */
export type Screenshot = { reportId: string; dataUrl: string; savedAt: number; bytes: number; capture?: StoredCapture };

const SEVERITIES: SeverityT[] = ['high', 'medium', 'low'];

/** The site a URL belongs to, as shown and filtered on: its host name without "www.". */
export function siteOf(url: string): string {
  try {
    const u = new URL(url);
    return (u.hostname || u.protocol.replace(/:$/, '')).replace(/^www\./, '');
  } catch {
    return '';
  }
}

/**
 * One finding as a line of the signature: its rule, verdict, severity, the selectors of its
 * controls and its message with numbers blanked (a ticking countdown or a re-measured ratio is the
 * same finding).
 */
function findingLine(f: Finding, selectors: Map<string, string>): string {
  const controls = f.controls
    .map((id) => selectors.get(id) ?? id)
    .sort()
    .join(',');
  return [f.rule, f.verdict, f.severity, controls, f.message.replace(/\d+(?:[.,:]\d+)*/g, '#')].join('|');
}

export function findingSignature(report: PageReport): string {
  const selectors = new Map(report.controls.map((c) => [c.id, c.selector]));
  return report.findings
    .map((f) => findingLine(f, selectors))
    .sort()
    .join('\n');
}

/** The deterministic id of the entry a report belongs to. */
export function reportIdOf(report: PageReport): string {
  return `r-${hashString(report.url)}-${hashString(findingSignature(report))}`;
}

function worstOf(findings: Finding[]): SeverityT | null {
  return SEVERITIES.find((s) => findings.some((f) => f.severity === s)) ?? null;
}

export function sizeOf(value: unknown): number {
  return JSON.stringify(value).length;
}

/** A new record for the first scan with this set of findings. */
export function newRecord(report: PageReport, seenAt: number): SavedReport {
  const record: SavedReport = {
    schemaVersion: RECORD_VERSION,
    id: reportIdOf(report),
    url: report.url,
    site: siteOf(report.url),
    title: report.title,
    firstSeen: seenAt,
    lastSeen: seenAt,
    seenCount: 1,
    recentScans: [report.scannedAt],
    rules: [...new Set(report.findings.map((f) => f.rule))],
    violations: report.findings.filter((f) => f.verdict === 'violation').length,
    needsReview: report.findings.filter((f) => f.verdict === 'needs-review').length,
    worst: worstOf(report.findings.filter((f) => f.verdict === 'violation')),
    report,
    notes: [],
    bytes: 0,
  };
  record.bytes = sizeOf(record);
  return record;
}

/**
 * The record after one more scan of the same page with the same findings. A scan already counted
 * (a replay after the worker was stopped) returns the record unchanged: saving is idempotent.
 */
export function withSighting(record: SavedReport, report: PageReport, seenAt: number): { record: SavedReport; changed: boolean } {
  if (record.recentScans.includes(report.scannedAt)) return { record, changed: false };
  const newer = Date.parse(report.scannedAt) >= Date.parse(record.report.scannedAt);
  const next: SavedReport = {
    ...record,
    title: newer ? report.title : record.title,
    report: newer ? report : record.report,
    firstSeen: Math.min(record.firstSeen, seenAt),
    lastSeen: Math.max(record.lastSeen, seenAt),
    seenCount: record.seenCount + 1,
    recentScans: [...record.recentScans, report.scannedAt].slice(-RECENT_SCANS),
  };
  next.bytes = sizeOf({ ...next, bytes: 0 });
  return { record: next, changed: true };
}

export function summarize(record: SavedReport, hasScreenshot: boolean): ReportSummary {
  const byRule: Partial<Record<RuleIdT, number>> = {};
  for (const f of record.report.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  const { report: _report, recentScans: _recent, notes, ...rest } = record;
  return { ...rest, byRule, notes: notes.length, hasScreenshot };
}

export type ReportQuery = { site?: string; rule?: RuleIdT; text?: string };

/** Whether a record passes the history page's filters (site, rule, free text). */
export function matchesQuery(record: SavedReport, q: ReportQuery): boolean {
  if (q.site && record.site !== q.site) return false;
  if (q.rule && !record.rules.includes(q.rule)) return false;
  const text = q.text?.trim().toLowerCase();
  if (!text) return true;
  const r = record.report;
  const haystack = [record.url, record.title, ...r.findings.map((f) => `${f.rule} ${f.message}`), ...r.controls.map((c) => c.text), ...record.notes.map((n) => n.note)];
  return haystack.some((s) => s.toLowerCase().includes(text));
}

/**
 * Brings a stored record of an older format up to RECORD_VERSION. There is one format so far; a
 * future version adds a step here (and, if it needs new stores or indexes, a step in the database
 * upgrade in reports-db.ts).
 */
export function migrateRecord(raw: unknown): SavedReport | null {
  const parsed = SavedReport.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
