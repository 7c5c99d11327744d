import type { Control, PageReport } from '../report/schema';

/**
 * The numbers drawn on the screenshot and printed in report.html: each control a finding names,
 * in the order of the findings, gets the next number once.
 */
export function numberControls(report: PageReport): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const f of report.findings) for (const id of f.controls) if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
  return numbers;
}

/** The numbered controls with their report entries, in number order. */
export function numberedControls(report: PageReport): { n: number; control: Control }[] {
  const byId = new Map(report.controls.map((c) => [c.id, c]));
  return [...numberControls(report)].flatMap(([id, n]) => {
    const control = byId.get(id);
    return control ? [{ n, control }] : [];
  });
}
