/** Replies from the background, checked before the popup trusts them. */
import * as z from 'zod/mini';
import type { StorageStatus, TabReportReply } from '../messages';
import { PageReport } from '../report/schema';
import { RecordingSummary } from '../flows/recorder';
import { SavedFlow } from '../flows/saved-flow';
import type { FlowPanelState } from './flow-panel';

const Failure = z.object({ ok: z.literal(false), error: z.string() });
const TabReport = z.object({
  ok: z.literal(true),
  data: z.nullable(z.object({ report: PageReport, seq: z.number(), receivedAt: z.number(), savedId: z.optional(z.nullable(z.string())) })),
});
const Storage = z.object({
  ok: z.literal(true),
  data: z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), reason: z.enum(['quota', 'unavailable']), message: z.string(), at: z.number() })]),
});
const Highlighted = z.object({
  ok: z.literal(true),
  data: z.object({ found: z.number(), hidden: z.number(), total: z.number() }),
});

const Exported = z.object({
  ok: z.literal(true),
  data: z.object({ fileName: z.string(), bytes: z.number(), downloadId: z.nullable(z.number()) }),
});

export type Result<T> = { ok: true; data: T } | { ok: false; error: string };

function failure(raw: unknown, what: string): { ok: false; error: string } {
  const f = Failure.safeParse(raw);
  return f.success ? f.data : { ok: false, error: `unexpected reply to ${what}` };
}

export function parseTabReport(raw: unknown): Result<TabReportReply> {
  const r = TabReport.safeParse(raw);
  if (!r.success) return failure(raw, 'get-tab-report');
  const d = r.data.data;
  return { ok: true, data: d ? { ...d, savedId: d.savedId ?? null } : null };
}

export function parseStorageStatus(raw: unknown): Result<StorageStatus> {
  const r = Storage.safeParse(raw);
  return r.success ? { ok: true, data: r.data.data } : failure(raw, 'get-storage-status');
}

export function parseHighlight(raw: unknown): Result<{ found: number; hidden: number; total: number }> {
  const r = Highlighted.safeParse(raw);
  return r.success ? { ok: true, data: r.data.data } : failure(raw, 'highlight');
}

export function parseOk(raw: unknown, what: string): Result<unknown> {
  if (typeof raw === 'object' && raw !== null && (raw as { ok?: unknown }).ok === true) return { ok: true, data: (raw as { data?: unknown }).data };
  return failure(raw, what);
}

export function parseExport(raw: unknown): Result<{ fileName: string; bytes: number; downloadId: number | null }> {
  const r = Exported.safeParse(raw);
  return r.success ? { ok: true, data: r.data.data } : failure(raw, 'export-evidence');
}

const FlowStateReply = z.object({ ok: z.literal(true), data: z.object({ recording: z.nullable(RecordingSummary), flow: z.nullable(SavedFlow) }) });

/** Reply to get-flow-state, flow-start and flow-stop. */
export function parseFlowState(raw: unknown, what: string): Result<FlowPanelState> {
  const r = FlowStateReply.safeParse(raw);
  return r.success ? { ok: true, data: r.data.data } : failure(raw, what);
}
