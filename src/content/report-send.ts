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

/** JSON.stringify(report), exactly, in parts of at most `size` characters, made in batches of controls with `pause()` between them. */
export async function reportParts(report: PageReport, pause: () => Promise<void>, size = PART_CHARS): Promise<string[]> {
  const { controls } = report;
  if (controls.length <= CONTROLS_PER_STEP) return partsOf(JSON.stringify(report), size);
  // The same keys in the same order, the controls left empty: `"controls":[]` can only be that key (quotes inside strings are escaped).
  const rest = JSON.stringify({ ...report, controls: [] });
  const at = rest.indexOf('"controls":[]') + '"controls":['.length;
  const parts = new PartCutter(size);
  parts.add(rest.slice(0, at));
  for (let i = 0; i < controls.length; i += CONTROLS_PER_STEP) {
    if (i > 0) {
      await pause();
      parts.add(',');
    }
    parts.add(JSON.stringify(controls.slice(i, i + CONTROLS_PER_STEP)).slice(1, -1));
  }
  parts.add(rest.slice(at));
  return parts.done();
}

/** The JSON cut into the parts of its messages. */
export function partsOf(json: string, size = PART_CHARS): string[] {
  const parts = new PartCutter(size);
  parts.add(json);
  return parts.done();
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
