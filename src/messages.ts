/** Messages between content script, background, popup and history page, all validated with zod. */
import * as z from 'zod/mini';
import { PageReport } from './report/schema';

export const ScanReportMessage = z.object({ type: z.literal('scan-report'), report: PageReport, seq: z.number() });
export const GetTabReportMessage = z.object({ type: z.literal('get-tab-report'), tabId: z.number() });
export const RescanMessage = z.object({ type: z.literal('rescan') });
export const HighlightMessage = z.object({ type: z.literal('highlight'), selectors: z.array(z.string()) });

export const BackgroundMessage = z.discriminatedUnion('type', [ScanReportMessage, GetTabReportMessage]);
export type BackgroundMessage = z.infer<typeof BackgroundMessage>;
export const ContentMessage = z.discriminatedUnion('type', [RescanMessage, HighlightMessage]);
export type ContentMessage = z.infer<typeof ContentMessage>;

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export function describeError(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  return `invalid message: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`;
}
