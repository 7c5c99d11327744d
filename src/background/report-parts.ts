/**
 * Joins a report that a content script sent in parts (src/content/report-send.ts): per tab, the parts
 * of its latest report. A part of another report of the tab drops what was kept; a worker restarted
 * between parts has lost them, and the report is dropped (the page's next scan sends again).
 */
export type ReportPart = { seq: number; index: number; count: number; text: string };

export class ReportParts {
  private readonly byTab = new Map<number, { seq: number; parts: (string | undefined)[]; received: number }>();

  /** The whole JSON once its last missing part has come; null until then. */
  add(tabId: number, part: ReportPart): string | null {
    let kept = this.byTab.get(tabId);
    if (!kept || kept.seq !== part.seq || kept.parts.length !== part.count) {
      kept = { seq: part.seq, parts: new Array<string | undefined>(part.count), received: 0 };
      this.byTab.set(tabId, kept);
    }
    if (kept.parts[part.index] === undefined) kept.received++;
    kept.parts[part.index] = part.text;
    if (kept.received < part.count) return null;
    this.byTab.delete(tabId);
    return kept.parts.join('');
  }

  forget(tabId: number): void {
    this.byTab.delete(tabId);
  }
}
