/**
 * The --out folder: one folder per audited target (report.json today; the evidence bundle will add
 * its files there), and the survey files beside them: audit.json (the whole AuditOutput),
 * survey.json (the target list, failures, interruption), index.html and summary.csv.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditOutput, type PageReport } from '../report/schema';
import { surveyCsv } from './csv';
import { surveyHtml } from './html';
import { buildSurvey, type Survey, type SurveyMeta } from './survey';

export const AUDIT_JSON = 'audit.json';
export const SURVEY_JSON = 'survey.json';
export const INDEX_HTML = 'index.html';
export const SUMMARY_CSV = 'summary.csv';

/** Writes a file whole or not at all (a Ctrl-C mid-write leaves the old file, not half a file). */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function folderName(n: number, total: number, slug: string): string {
  return `${String(n).padStart(Math.max(3, String(total).length), '0')}-${slug}`;
}

export function writePageFolder(dir: string, folder: string, report: PageReport): void {
  mkdirSync(join(dir, folder), { recursive: true });
  writeAtomic(join(dir, folder, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
}

/** audit.json, survey.json, index.html and summary.csv; returns the survey they show. */
export function writeSurveyFiles(dir: string, output: AuditOutput, meta: SurveyMeta | null, old: AuditOutput | null): Survey {
  mkdirSync(dir, { recursive: true });
  const survey = buildSurvey(output, meta, old);
  writeAtomic(join(dir, AUDIT_JSON), `${JSON.stringify(output, null, 2)}\n`);
  if (meta) writeAtomic(join(dir, SURVEY_JSON), `${JSON.stringify(meta, null, 2)}\n`);
  writeAtomic(join(dir, SUMMARY_CSV), surveyCsv(survey));
  writeAtomic(join(dir, INDEX_HTML), surveyHtml(survey));
  return survey;
}

/** An audit.json given as a file or as the --out folder holding it; throws with a one-line reason. */
export function readAuditOutput(path: string): { output: AuditOutput; dir: string | null; meta: SurveyMeta | null } {
  let file = path;
  let dir: string | null = null;
  if (existsSync(path) && statSync(path).isDirectory()) {
    dir = path;
    file = join(path, AUDIT_JSON);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${file}: ${code === 'ENOENT' ? 'no such file' : code ? (e as Error).message : 'not JSON'}`);
  }
  const parsed = AuditOutput.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: not an audit.json (AuditOutput) document`);
  let meta: SurveyMeta | null = null;
  if (dir && existsSync(join(dir, SURVEY_JSON))) {
    try {
      const m = JSON.parse(readFileSync(join(dir, SURVEY_JSON), 'utf8')) as SurveyMeta;
      if (m && m.surveyVersion === 1 && Array.isArray(m.targets)) meta = m;
    } catch {
      meta = null;
    }
  }
  return { output: parsed.data, dir, meta };
}
