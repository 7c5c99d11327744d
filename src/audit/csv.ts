/** summary.csv: the survey table for a spreadsheet (RFC 4180, formula-injection safe). */
import { formatRatio, PAGE_RULES, VERDICT_LABEL, type Row, type Survey } from './survey';

/**
 * One CSV field. A text starting with = + - @ (or a tab or carriage return) is prefixed with a
 * single quote so that a spreadsheet shows it instead of evaluating it; a field holding a comma,
 * a quote or a line break is quoted, with its quotes doubled (RFC 4180).
 */
export function csvField(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(',');
}

const changeText = (r: Row) =>
  r.change
    ? [...r.change.added.map((f) => `NEW ${f.rule} (${f.verdict}): ${f.message}`), ...r.change.fixed.map((f) => `FIXED ${f.rule} (${f.verdict}): ${f.message}`)].join('\n')
    : '';

export function surveyCsvHeader(compare: boolean): string[] {
  return [
    'n',
    'target',
    'url',
    'title',
    'status',
    'verdict',
    'violations',
    'needs_review',
    ...PAGE_RULES,
    'stay_control',
    'stay_salience',
    'exit_control',
    'exit_salience',
    'salience_ratio',
    'folder',
    'reason',
    ...(compare ? ['page_change', 'new_findings', 'fixed_findings', 'changes'] : []),
  ];
}

/** The whole file: a header line and one line per row, CRLF line ends, with a UTF-8 byte order mark (Excel reads Chinese text right with it). */
export function surveyCsv(s: Survey): string {
  const compare = s.comparison !== null;
  const lines = [csvLine(surveyCsvHeader(compare))];
  for (const r of s.rows) {
    lines.push(
      csvLine([
        r.n,
        r.target,
        r.url,
        r.title,
        r.status,
        VERDICT_LABEL[r.verdict],
        r.status === 'ok' ? r.violations : '',
        r.status === 'ok' ? r.review : '',
        ...PAGE_RULES.map((rule) => (r.status === 'ok' ? r.byRule[rule] : '')),
        r.salience.stay?.text ?? '',
        r.salience.stay?.salience ?? '',
        r.salience.exit?.text ?? '',
        r.salience.exit?.salience ?? '',
        formatRatio(r.salience.ratio),
        r.folder ?? '',
        r.reason,
        ...(compare ? [r.change ? (r.change.page === 'new-page' ? 'new page' : '') : '', r.change?.added.length ?? '', r.change?.fixed.length ?? '', changeText(r)] : []),
      ]),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
