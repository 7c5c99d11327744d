/**
 * Every message between content script, background, popup and history page. Each is validated with
 * zod on receipt; a malformed message gets `{ ok: false, error }` and changes nothing.
 */
import * as z from 'zod/mini';
import { PageReport, RuleId } from './report/schema';
import type { ReportSummary, SavedReport } from './storage/records';
import { Direction } from './flows/recorder';
import { PART_CHARS } from './content/report-send';
import type { SavedFlow } from './flows/saved-flow';
import { ASKED_TEXT_MAX, QUESTIONS } from './engine/precheck-question';
import { LINK_TEXT_LIMIT } from './engine/discover';
import { PLAN_TEXTS_MAX } from './engine/label-questions';
import { BLOCK_TRIGGERS, TRIGGER_CHARS_MAX, TRIGGER_TEXT_MAX, TRIGGER_TEXTS_MAX } from './engine/text-blocks';

// A schema with a chained check is marked pure: without the mark, every bundle that imports this
// file (the content script) keeps and makes them all.
/** Made anew where it is used: the content script's start makes no schema it does not need at once (ContentMessage, lazy, uses one). */
const tabId = () => z.number().check(z.int(), z.minimum(0));
const TabId = /* @__PURE__ */ tabId();
const ReportId = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200));

/**
 * A report, or the same as JSON text: the content script sends text, since Chromium copies one
 * string for a message much faster than an object of thousands of fields (each read in turn).
 */
const ReportOrJson = z.pipe(
  z.transform((raw: unknown) => {
    if (typeof raw !== 'string') return raw;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }),
  PageReport,
);

// content script -> background
/** The exit-survey question on the screen, if any (a recorded flow counts it as retention). */
const SurveyQuestion = /* @__PURE__ */ z.optional(z.nullable(/* @__PURE__ */ z.string().check(z.maxLength(500))));
export const ScanReportMessage = z.object({
  type: z.literal('scan-report'),
  report: ReportOrJson,
  seq: z.number(),
  survey: SurveyQuestion,
});
/** A report too large for one message, in parts (src/content/report-send.ts): `text` is part `index` of its JSON. */
export const ScanReportPartMessage = /* @__PURE__ */ z
  .object({
    type: z.literal('scan-report-part'),
    seq: z.number(),
    index: /* @__PURE__ */ z.number().check(z.int(), z.minimum(0)),
    count: /* @__PURE__ */ z.number().check(z.int(), z.minimum(1), z.maximum(4096)),
    text: /* @__PURE__ */ z.string().check(z.maxLength(PART_CHARS)),
    survey: SurveyQuestion,
  })
  .check(z.refine((m) => m.index < m.count, 'a part index below the count'));
/**
 * A scan that found exactly what scan `since` of the same document reported, but for when it was made
 * and how long it took (src/content/report-send.ts ReportKey): the background keeps that report with
 * these, or answers `{ resend: true }` when it no longer holds scan `since` (the content script then
 * sends the report itself).
 */
export const ScanSameMessage = z.object({
  type: z.literal('scan-same'),
  seq: z.number(),
  since: z.number(),
  /** The page's address, as in the report (a tab's entry from another document is never taken for it). */
  url: z.string(),
  scannedAt: z.iso.datetime({ offset: true }),
  scanMs: /* @__PURE__ */ z.number().check(z.minimum(0)),
  survey: SurveyQuestion,
});
/**
 * The pre-check's questions about a page's text (src/engine/precheck-question.ts), asked on a page's
 * first scan of the background's lexicon, which stays warm across pages; answered with a boolean each.
 */
export const PrecheckAskMessage = z.object({
  type: z.literal('precheck-ask'),
  text: /* @__PURE__ */ z.string().check(z.maxLength(ASKED_TEXT_MAX)),
  questions: /* @__PURE__ */ z.array(z.enum(QUESTIONS)).check(z.minLength(1), z.maxLength(QUESTIONS.length)),
});
/**
 * Text blocks' texts new to a page's lexicon on its first scan (src/engine/text-blocks.ts), asked of
 * the background's: answered with the trigger lists each has. At most TRIGGER_TEXTS_MAX texts of
 * TRIGGER_TEXT_MAX characters, TRIGGER_CHARS_MAX in all (a larger page matches its texts itself).
 */
export const TriggersAskMessage = /* @__PURE__ */ z
  .object({
    type: z.literal('triggers-ask'),
    texts: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string().check(z.maxLength(TRIGGER_TEXT_MAX))).check(z.minLength(1), z.maxLength(TRIGGER_TEXTS_MAX)),
  })
  .check(z.refine((m) => m.texts.reduce((n, t) => n + t.length, 0) <= TRIGGER_CHARS_MAX, `at most ${TRIGGER_CHARS_MAX} characters in all`));
/**
 * The short texts of a page's generic elements, asked on its first measured scan of the background's
 * lexicon: is each a label about plans (src/engine/label-questions.ts)? Answered with one character
 * per text, 1 or 0: a string crosses to the page much faster than an array of thousands of values.
 */
export const PlanTextsAskMessage = z.object({
  type: z.literal('plan-texts-ask'),
  texts: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string().check(z.maxLength(LINK_TEXT_LIMIT))).check(z.minLength(1), z.maxLength(PLAN_TEXTS_MAX)),
});
/** The answers, checked by the content script before the scan trusts them. */
export const PlanTextsAnswerReply = z.lazy(() => z.object({ ok: z.literal(true), data: z.string().check(z.regex(/^[01]*$/)) }));
/** The trigger lists of each text, checked by the content script before the scan trusts them. */
export const TriggersAnswerReply = z.lazy(() => z.object({ ok: z.literal(true), data: z.array(z.array(z.enum(BLOCK_TRIGGERS))) }));
/** The answers, checked by the content script before the scan trusts them (made at its first use, not as the script starts). */
export const PrecheckAnswerReply = z.lazy(() => z.object({ ok: z.literal(true), data: z.array(z.boolean()) }));
/**
 * Asked by each new document: is this tab recording a flow, and which tab is it? (Its clicks go to
 * the recorder through storage.local, see src/flows/pending.ts.)
 */
export const FlowStatusMessage = z.object({ type: z.literal('flow-status') });

// popup (and the audit, through the same service) -> background: recorded flows (docs/flows.md)
export const FlowStartMessage = z.object({ type: z.literal('flow-start'), tabId: TabId, direction: Direction });
export const FlowStopMessage = z.object({ type: z.literal('flow-stop'), tabId: TabId, completed: z.boolean() });
export const GetFlowStateMessage = z.object({ type: z.literal('get-flow-state'), tabId: TabId });
export const ListFlowsMessage = z.object({ type: z.literal('list-flows') });
/** Downloads a saved flow's evidence bundle (its steps and the screen after each). */
export const ExportFlowEvidenceMessage = z.object({ type: z.literal('export-flow-evidence'), flowId: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200)) });

// popup -> background
export const GetTabReportMessage = z.object({ type: z.literal('get-tab-report'), tabId: TabId });
export const RescanTabMessage = z.object({ type: z.literal('rescan-tab'), tabId: TabId });
export const HighlightTabMessage = z.object({ type: z.literal('highlight-tab'), tabId: TabId, selectors: z.array(z.string()) });
/** "Report a false warning": the user's note is kept with the saved report, locally. */
export const SaveNoteMessage = z.object({
  type: z.literal('save-note'),
  reportId: ReportId,
  findingId: z.optional(z.string()),
  note: /* @__PURE__ */ z.string().check(z.maxLength(5000)),
});

// history page / popup -> background
export const ListReportsMessage = z.object({
  type: z.literal('list-reports'),
  site: z.optional(z.string()),
  rule: z.optional(RuleId),
  text: z.optional(z.string()),
});
export const GetReportMessage = z.object({ type: z.literal('get-report'), id: ReportId });
export const DeleteReportMessage = z.object({ type: z.literal('delete-report'), id: ReportId });
export const DeleteAllReportsMessage = z.object({ type: z.literal('delete-all-reports') });
export const ExportHistoryMessage = z.object({ type: z.literal('export-history') });
export const GetStorageStatusMessage = z.object({ type: z.literal('get-storage-status') });
/** The user has read the storage warning: hide it until storage runs out again. */
export const ClearStorageStatusMessage = z.object({ type: z.literal('clear-storage-status') });
/** Keeps a screenshot (a PNG or JPEG data URL) with a saved report, as evidence. */
export const SaveScreenshotMessage = z.object({
  type: z.literal('save-screenshot'),
  reportId: ReportId,
  dataUrl: /* @__PURE__ */ z.string().check(z.regex(/^data:image\/(png|jpeg|webp);base64,/), z.maxLength(30_000_000)),
});
/**
 * Lazy: the content script reads the settings as it starts, and making the schema then was part of the
 * one task every page's start is (zod's constructors run cold); made at the first parse, it falls in
 * the task that has read them from storage.
 */
export const Settings = z.lazy(() =>
  z.object({
    disabledSites: z.array(z.string()),
    /** 'auto' follows the browser's UI language. */
    language: z.enum(['auto', 'en', 'zh-CN', 'zh-TW']),
  }),
);
export type Settings = z.infer<typeof Settings>;
/**
 * Downloads the evidence bundle (src/evidence) of a tab's current report (the popup) or of a saved
 * report (the history page).
 */
export const ExportEvidenceMessage = /* @__PURE__ */ z
  .object({ type: z.literal('export-evidence'), tabId: z.optional(TabId), reportId: z.optional(ReportId) })
  .check(z.refine((m) => (m.tabId === undefined) !== (m.reportId === undefined), 'give a tabId or a reportId'));
export const GetSettingsMessage = z.object({ type: z.literal('get-settings') });
export const SetSettingsMessage = z.object({ type: z.literal('set-settings'), settings: Settings });

export const BackgroundMessage = z.discriminatedUnion('type', [
  ScanReportMessage,
  ScanReportPartMessage,
  ScanSameMessage,
  PrecheckAskMessage,
  TriggersAskMessage,
  PlanTextsAskMessage,
  FlowStatusMessage,
  FlowStartMessage,
  FlowStopMessage,
  GetFlowStateMessage,
  ListFlowsMessage,
  ExportFlowEvidenceMessage,
  GetTabReportMessage,
  RescanTabMessage,
  HighlightTabMessage,
  SaveNoteMessage,
  ListReportsMessage,
  GetReportMessage,
  DeleteReportMessage,
  DeleteAllReportsMessage,
  ExportHistoryMessage,
  GetStorageStatusMessage,
  ClearStorageStatusMessage,
  SaveScreenshotMessage,
  ExportEvidenceMessage,
  GetSettingsMessage,
  SetSettingsMessage,
]);
export type BackgroundMessage = z.infer<typeof BackgroundMessage>;

// background -> content script
/**
 * Made when the content script gets its first message, not as it starts: every page runs the
 * content script, most get no message, and zod's schemas cost the page's start to make.
 */
export const ContentMessage = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('rescan') }),
    z.object({ type: z.literal('highlight'), selectors: z.array(z.string()) }),
    /** The evidence capture asks where the flagged controls are, and scrolls the page for a whole-page shot. */
    z.object({
      type: z.literal('evidence-facts'),
      controls: z.array(z.object({ n: z.number(), controlId: z.string(), selector: z.string() })),
    }),
    z.object({ type: z.literal('evidence-scroll'), x: z.number(), y: z.number() }),
    /** The tab started or stopped recording a flow. */
    z.object({ type: z.literal('flow-record'), on: z.boolean(), tabId: tabId() }),
    /** The user changed the settings (sites where scanning is off): the content script reads them again. */
    z.object({ type: z.literal('settings-changed') }),
    /** The audit asks whether the tab's last report stands for the page as it is now (ScanStatus). */
    z.object({ type: z.literal('scan-status') }),
  ]),
);
export type ContentMessage = z.infer<typeof ContentMessage>;

/** What the popup gets for a tab. */
export type TabReportReply = {
  report: PageReport;
  seq: number;
  receivedAt: number;
  /** Id of the saved copy in history, when the report had findings and was saved. */
  savedId: string | null;
} | null;

/**
 * Whether saving works. `quota`: storage ran full; older screenshots/reports were removed to keep
 * the newest (counted below), or a report could not be saved yet (`unsaved`, kept aside and retried).
 * `unavailable`: the database cannot be opened. `message` is in the user's language.
 */
export type StorageStatus =
  | { ok: true }
  | {
      ok: false;
      reason: 'quota' | 'unavailable';
      message: string;
      at: number;
      evictedReports?: number;
      evictedScreenshots?: number;
      evictedSites?: string[];
      unsaved?: number;
    };

/**
 * Reply to scan-status. `settled`: the page ended at the pre-check, no scan is running or waiting for the
 * page to be quiet, and no look for late shadow roots is to come. The changes the page made since that
 * report said nothing of plans, and the content script let them pass: the report stands for the page.
 */
export type ScanStatus = { settled: boolean };

/** Reply to scan-report. */
export type ScanReportReply = { savedId: string | null; badge: string };
/** Reply to scan-same: as to scan-report, or a request for the report itself. */
export type ScanSameReply = ScanReportReply | { resend: true };

/** Reply to list-reports: summaries (see src/storage/records.ts ReportSummary) and filter choices. */
export type ListReportsReply = { reports: ReportSummary[]; sites: string[] };

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export function describeError(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  return `invalid message: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`;
}

/** Reply to export-evidence: the file name the bundle was downloaded as. */
export type ExportEvidenceReply = { fileName: string; bytes: number; downloadId: number | null };

/** Reply to get-report: the saved record in full, with its screenshot when there is one. */
export type GetReportReply = { record: SavedReport; screenshot: string | null } | null;

/** Reply to export-history: the whole history as one JSON document. */
export type HistoryExport = {
  format: 'fair-exit-history';
  schemaVersion: 1;
  exportedAt: string;
  tool: { name: string; version: string };
  reports: (SavedReport & { screenshot: string | null })[];
  /** Recorded flows, newest first (docs/flows.md). */
  flows: SavedFlow[];
};
