/** Flow files for `--flow` (shared/REPORT.md "Flows", docs/flows.md): read, validate, resolve. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FlowFile, type FlowFileStep } from '../report/schema';

export type LoadedFlow = { file: string; dir: string; flow: FlowFile };

export class FlowFileError extends Error {}

/** Reads and checks a flow file; throws FlowFileError with a one-line reason. */
export function loadFlowFile(file: string): LoadedFlow {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FlowFileError(`--flow ${file}: ${code === 'ENOENT' ? 'no such file' : code ? (e as Error).message : 'not JSON'}`);
  }
  const parsed = FlowFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    const hint = /^(join|exit)\.\d+$/.test(where) ? 'a step is {click}, {check}, {fill, value} or {goto}' : issue?.message;
    throw new FlowFileError(`--flow ${file}: ${where}: ${hint}`);
  }
  const dir = dirname(resolve(file));
  const loaded = { file, dir, flow: parsed.data };
  for (const t of [parsed.data.start, ...[...parsed.data.join, ...parsed.data.exit].flatMap((s) => ('goto' in s ? [s.goto] : []))]) {
    const problem = targetProblem(t, dir);
    if (problem) throw new FlowFileError(`--flow ${file}: ${t}: ${problem}`);
  }
  return loaded;
}

function targetProblem(target: string, dir: string): string | null {
  if (/^https?:\/\//i.test(target)) {
    try {
      new URL(target);
      return null;
    } catch {
      return 'not a valid URL';
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return 'only http(s) URLs and local .html files can be opened';
  const path = resolve(dir, target.replace(/[?#].*$/, ''));
  if (!existsSync(path) || !statSync(path).isFile()) return 'no such file';
  if (!/\.html?$/i.test(path)) return 'not an .html file';
  return null;
}

/** A start or goto target as a URL: local files go through the loopback server (`urlFor`). */
export function resolveTarget(target: string, dir: string, urlFor: (file: string) => string): string {
  if (/^https?:\/\//i.test(target)) return target;
  const suffix = /[?#].*$/.exec(target)?.[0] ?? '';
  return urlFor(resolve(dir, target.slice(0, target.length - suffix.length))) + suffix;
}

export function describeStep(step: FlowFileStep): string {
  if ('click' in step) return `click ${step.click}`;
  if ('check' in step) return `check ${step.check}`;
  if ('fill' in step) return `fill ${step.fill}`;
  return `goto ${step.goto}`;
}
