/**
 * Sending a scan's report without blocking the page: a report of thousands of controls is megabytes
 * of JSON, and making it and sending it in one task took 150-400 ms on a page of 10,000 controls
 * (docs/speed.md). The controls' JSON is made in batches between yields and cut, as it is made, into
 * parts of at most PART_CHARS, one message (and one task) each, that the background joins
 * (src/background/report-parts.ts). The whole JSON is never made as one string: joining two
 * megabytes and cutting them again took a task of 18-22 ms of its own.
 */
import type { PageReport } from '../report/schema';

/** Controls turned into JSON between two yields. */
const CONTROLS_PER_STEP = 200;
/** Characters of JSON per message. */
export const PART_CHARS = 128 * 1024;

/**
 * What tells two reports apart but for when they were made and how long the scan took: a scan that
 * found exactly what the last one sent did is told to the background in a few bytes (scan-same),
 * not sent again in full (a hundred kilobytes for a page of 500 controls, megabytes for 10,000).
 */
export class ReportKey {
  constructor(
    /** The report's JSON without its controls, with its time and cost left out. */
    private readonly rest: string,
    /** Its controls' JSON, batch by batch. */
    private readonly batches: string[],
  ) {}

  same(other: ReportKey | null): boolean {
    if (!other || other.rest !== this.rest || other.batches.length !== this.batches.length) return false;
    for (let i = 0; i < this.batches.length; i++) if (other.batches[i] !== this.batches[i]) return false;
    return true;
  }
}

/** A report's JSON: its key, and its parts (cut when first asked for: a report the same as the last one sent is never cut). */
export type ReportJson = { key: ReportKey; parts(): string[] };

/**
 * JSON.stringify(report), exactly, in parts of at most `size` characters, made in batches of
 * controls with `pause()` between them; and the key that compares it with another report.
 */
export async function reportJson(report: PageReport, pause: () => Promise<void>, size = PART_CHARS): Promise<ReportJson> {
  const { controls } = report;
  // The same keys in the same order, the controls left empty: `"controls":[]` can only be that key (quotes inside strings are escaped).
  const rest = JSON.stringify({ ...report, controls: [] });
  const at = rest.indexOf('"controls":[]') + '"controls":['.length;
  const batches: string[] = [];
  for (let i = 0; i < controls.length; i += CONTROLS_PER_STEP) {
    if (i > 0) await pause();
    batches.push(JSON.stringify(controls.slice(i, i + CONTROLS_PER_STEP)).slice(1, -1));
  }
  const timeless = JSON.stringify({ ...report, scannedAt: '', scanMs: 0, controls: [] });
  let cut: string[] | null = null;
  const parts = () => {
    if (cut) return cut;
    const cutter = new PartCutter(size);
    cutter.add(rest.slice(0, at));
    for (const [i, batch] of batches.entries()) {
      if (i > 0) cutter.add(',');
      cutter.add(batch);
    }
    cutter.add(rest.slice(at));
    return (cut = cutter.done());
  };
  return { key: new ReportKey(timeless, batches), parts };
}

/** The last report a document sent: its scan's number and key. */
export type SentReport = { seq: number; key: ReportKey };

/**
 * Sends scan `seq`'s report: a scan-same message when it holds what the last report sent did (and the
 * report itself if the background asks for it), else the report, in one message or one per part with
 * a pause before each (the background joins them: src/background/report-parts.ts). Gives what was sent.
 */
export async function sendReport(
  json: ReportJson,
  scan: { seq: number; url: string; scannedAt: string; scanMs: number; survey: string | null },
  last: SentReport | null,
  send: (msg: unknown) => Promise<unknown>,
  pause: () => Promise<void>,
): Promise<SentReport> {
  const { seq, survey } = scan;
  const whole = async () => {
    const parts = json.parts();
    if (parts.length === 1) return void send({ type: 'scan-report', report: parts[0], seq, survey }).catch(() => {});
    for (const [index, text] of parts.entries()) {
      await pause();
      void send({ type: 'scan-report-part', seq, index, count: parts.length, text, survey }).catch(() => {});
    }
  };
  if (last && json.key.same(last.key)) {
    const same = { type: 'scan-same', seq, since: last.seq, url: scan.url, scannedAt: scan.scannedAt, scanMs: scan.scanMs, survey };
    void send(same)
      .then((reply) => (accepted(reply) ? undefined : whole()))
      .catch(() => {});
  } else await whole();
  return { seq, key: json.key };
}

/** A reply that kept the report of a scan-same message (anything else asks for the report itself). */
function accepted(reply: unknown): boolean {
  const r = reply as { ok?: unknown; data?: { resend?: unknown } } | null | undefined;
  return r?.ok === true && r.data?.resend !== true;
}

/** Text added piece by piece, cut into parts of `size` characters (the last may be shorter; one empty part for no text). */
class PartCutter {
  private readonly parts: string[] = [];
  private current = '';
  constructor(private readonly size: number) {}

  add(text: string): void {
    for (let i = 0; i < text.length;) {
      const take = Math.min(this.size - this.current.length, text.length - i);
      this.current += take === text.length ? text : text.slice(i, i + take);
      i += take;
      if (this.current.length === this.size) {
        this.parts.push(this.current);
        this.current = '';
      }
    }
  }

  done(): string[] {
    if (this.current !== '' || this.parts.length === 0) this.parts.push(this.current);
    return this.parts;
  }
}
