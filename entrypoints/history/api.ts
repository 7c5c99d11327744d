/** Messages from the history page to the background (src/messages.ts), with typed replies. */
import { browser } from 'wxt/browser';
import type { BackgroundMessage, GetReportReply, HistoryExport, ListReportsReply, ExportEvidenceReply, Reply, Settings, StorageStatus } from '../../src/messages';

async function call<T>(msg: BackgroundMessage): Promise<T> {
  const reply = (await browser.runtime.sendMessage(msg)) as Reply<T> | undefined;
  if (!reply) throw new Error('no answer from the extension');
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

export const api = {
  list: (q: { site?: string; rule?: Extract<BackgroundMessage, { type: 'list-reports' }>['rule']; text?: string }) => call<ListReportsReply>({ type: 'list-reports', ...q }),
  get: (id: string) => call<GetReportReply>({ type: 'get-report', id }),
  delete: (id: string) => call<{ deleted: number }>({ type: 'delete-report', id }),
  deleteAll: () => call<{ deleted: number }>({ type: 'delete-all-reports' }),
  exportAll: () => call<HistoryExport>({ type: 'export-history' }),
  exportEvidence: (reportId: string) => call<ExportEvidenceReply>({ type: 'export-evidence', reportId }),
  status: () => call<StorageStatus>({ type: 'get-storage-status' }),
  clearStatus: () => call<null>({ type: 'clear-storage-status' }),
  settings: () => call<Settings>({ type: 'get-settings' }),
  setSettings: (settings: Settings) => call<Settings>({ type: 'set-settings', settings }),
};
