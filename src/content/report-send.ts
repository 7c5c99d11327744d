/**
 * Sending a scan's report without blocking the page: a report of thousands of controls is megabytes
 * of JSON, and making it and sending it in one task took 150-400 ms on a page of 10,000 controls
 * (docs/speed.md). The controls' JSON is made in batches between yields, and JSON over PART_CHARS
 * goes in parts, one message (and one task) each, that the background joins (src/background/report-parts.ts).
 */
import type { PageReport } from '../report/schema';

/** Controls turned into JSON between two yields. */
const CONTROLS_PER_STEP = 200;
/** Characters of JSON per message. */
export const PART_CHARS = 128 * 1024;

/** JSON.stringify(report), exactly, made in batches of controls with `pause()` between them. */
export async function reportJson(report: PageReport, pause: () => Promise<void>): Promise<string> {
  const { controls } = report;
  if (controls.length <= CONTROLS_PER_STEP) return JSON.stringify(report);
  // The same keys in the same order, the controls left empty: `"controls":[]` can only be that key (quotes inside strings are escaped).
  const rest = JSON.stringify({ ...report, controls: [] });
  const at = rest.indexOf('"controls":[]') + '"controls":['.length;
  const batches: string[] = [];
  for (let i = 0; i < controls.length; i += CONTROLS_PER_STEP) {
    if (i > 0) await pause();
    batches.push(JSON.stringify(controls.slice(i, i + CONTROLS_PER_STEP)).slice(1, -1));
  }
  return `${rest.slice(0, at)}${batches.join(',')}${rest.slice(at)}`;
}

/** The JSON cut into the parts of its messages. */
export function partsOf(json: string, size = PART_CHARS): string[] {
  const parts: string[] = [];
  for (let i = 0; i < json.length; i += size) parts.push(json.slice(i, i + size));
  return parts.length ? parts : [''];
}
