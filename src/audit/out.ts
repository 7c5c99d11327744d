/**
 * The --out folder: one folder per audited target (report.json and the page's evidence bundle, see
 * docs/evidence.md), and the survey files beside them: audit.json (the whole AuditOutput),
 * survey.json (the target list, failures, interruption), index.html and summary.csv.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { AuditOutput, type PageReport } from '../report/schema';
import type { CollectedBundle } from './collect';
import { surveyCsv } from './csv';
import { surveyHtml } from './html';
import { buildSurvey, SurveyMeta, type Survey } from './survey';

export const AUDIT_JSON = 'audit.json';
export const SURVEY_JSON = 'survey.json';
export const INDEX_HTML = 'index.html';
export const SUMMARY_CSV = 'summary.csv';

/** Writes a file whole or not at all (a Ctrl-C mid-write leaves the old file, not half a file). */
export function writeAtomic(path: string, text: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function folderName(n: number, total: number, slug: string): string {
  return `${String(n).padStart(Math.max(3, String(total).length), '0')}-${slug}`;
}

/**
 * A page's folder: report.json, and with a bundle (the extension's evidence .zip) the zip itself
 * and its files unpacked beside it, exactly as zipped, so manifest.json's hashes match them.
 */
export function writePageFolder(dir: string, folder: string, report: PageReport, bundle?: CollectedBundle | null): void {
  const base = join(dir, folder);
  mkdirSync(base, { recursive: true });
  writeAtomic(join(base, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (!bundle) return;
  for (const [name, bytes] of Object.entries(unzipSync(bundle.zip))) {
    const path = resolve(base, name);
    if (!path.startsWith(`${resolve(base)}${sep}`)) throw new Error(`bundle file outside its folder: ${name}`);
    mkdirSync(dirname(path), { recursive: true });
    writeAtomic(path, bytes);
  }
  writeAtomic(join(base, basename(bundle.fileName)), bundle.zip);
}

/** audit.json, survey.json, index.html and summary.csv; returns the survey they show. */
export function writeSurveyFiles(dir: string, output: AuditOutput, meta: SurveyMeta | null, old: AuditOutput | null): Survey {
  mkdirSync(dir, { recursive: true });
  const survey = buildSurvey(output, meta, old);
  writeAtomic(join(dir, AUDIT_JSON), `${JSON.stringify(output, null, 2)}\n`);
  if (meta) writeAtomic(join(dir, SURVEY_JSON), `${JSON.stringify(meta, null, 2)}\n`);
  writeAtomic(join(dir, SUMMARY_CSV), surveyCsv(survey));
  writeAtomic(
    join(dir, INDEX_HTML),
    surveyHtml(survey, (folder) => linkedFiles(join(dir, folder))),
  );
  return survey;
}

/** The files of a page folder that index.html links: the evidence report, the bundle archive, report.json. */
export function linkedFiles(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const rank = (n: string) => (n === 'report.html' ? 0 : /\.zip$/i.test(n) ? 1 : n === 'report.json' ? 2 : -1);
  return names.filter((n) => rank(n) >= 0).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** An audit.json given as a file or as the --out folder holding it (with its survey.json when there is one); throws with a one-line reason. */
export function readAuditOutput(path: string, option = ''): { output: AuditOutput; dir: string | null; meta: SurveyMeta | null } {
  let file = path;
  let dir: string | null = null;
  if (existsSync(path) && statSync(path).isDirectory()) {
    dir = path;
    file = join(path, AUDIT_JSON);
  } else if (basename(path) === AUDIT_JSON && existsSync(join(dirname(path), SURVEY_JSON))) dir = dirname(path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${option ? `${option} ` : ''}${file}: ${code === 'ENOENT' ? 'no such file' : code ? (e as Error).message : 'not JSON'}`);
  }
  const parsed = AuditOutput.safeParse(raw);
  if (!parsed.success) throw new Error(`${option ? `${option} ` : ''}${file}: not an audit.json (AuditOutput) document`);
  let meta: SurveyMeta | null = null;
  if (dir && existsSync(join(dir, SURVEY_JSON))) {
    try {
      meta = SurveyMeta.safeParse(JSON.parse(readFileSync(join(dir, SURVEY_JSON), 'utf8'))).data ?? null;
    } catch {
      meta = null;
    }
  }
  return { output: parsed.data, dir, meta };
}
