import type { Finding, PageReport } from '../report/schema';
import type { H } from './h';
import type { Translator } from './i18n';

export type HighlightOutcome = { ok: true; found: number; hidden: number; total: number } | { ok: false; error: string };
export type NoteOutcome = { ok: true } | { ok: false; error: string };
export type ExportOutcome = { ok: true; fileName: string } | { ok: false; error: string };

/** What the popup can do; the extension wires these to messages, tests to fakes. */
export interface PopupActions {
  highlight(selectors: string[]): Promise<HighlightOutcome>;
  rescan(): void;
  openHistory(): void;
  saveNote(input: { reportId: string; findingId?: string; note: string }): Promise<NoteOutcome>;
  /** Downloads the evidence bundle of the tab's report (src/evidence). */
  exportEvidence(): Promise<ExportOutcome>;
}

export type RenderCtx = {
  doc: Document;
  h: H;
  tr: Translator;
  actions: PopupActions;
  report: PageReport;
  /** lang attribute for page text (finding messages, labels): the page's language family. */
  pageLang: string | null;
  /** Opens the false-warning form, preselecting a finding. */
  openNote: (finding?: Finding) => void;
  /** Unique ids for aria-controls / labels. */
  id: (base: string) => string;
};
