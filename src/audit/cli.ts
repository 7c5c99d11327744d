/** `npm run audit`: shared/REPORT.md is the contract; docs/audit.md describes the survey options. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { AuditOutput, type PageReport } from '../report/schema';
import { defaultConcurrency, parseArgs, UsageError, type AuditArgs } from './args';
import { ensureBuilt, launchWithExtension, PROJECT_ROOT, type ExtensionBrowser } from './browser';
import { allowTabActivation, collectBundle, collectOn } from './collect';
import { FlowFileError, loadFlowFile, type LoadedFlow } from './flow-file';
import { formatFlows, writeFlowFolders } from './flow-output';
import { runFlows, type FlowsOutcome } from './flow-runner';
import { folderName, readAuditOutput, writePageFolder, writeSurveyFiles } from './out';
import { runPool } from './pool';
import { checkProfile } from './profile';
import { Progress } from './progress';
import { LocalServer } from './server';
import { buildSurvey, type SurveyMeta, type SurveyTarget } from './survey';
import { formatTable } from './table';
import { dedupeTargets, expandTargets, readTargetList, shardOf, targetKey, targetSlug, type Target } from './targets';

const SEVERITY_RANK = { high: 3, medium: 2, low: 1 } as const;
/** Exit status of a run stopped by Ctrl-C (SIGINT) after writing what was finished (128 + 2). */
export const EXIT_INTERRUPTED = 130;
const log = (s: string) => process.stderr.write(`${s}\n`);

export function toolInfo() {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return { name: 'fair-exit', version: pkg.version };
}

type Job = { t: Target; n: number; url: string | null; status: SurveyTarget['status']; reason?: string; report?: PageReport; folder: string | null; ms?: number };

export async function runAudit(args: AuditArgs): Promise<number> {
  const startedAt = new Date();
  const concurrency = args.concurrency ?? defaultConcurrency();
  // Positional targets first, then the --urls lists, in order; repeated targets are audited once.
  let inputs: string[];
  let old: AuditOutput | null;
  let profile: string | undefined;
  try {
    inputs = [...args.targets, ...(args.urlLists ?? []).flatMap(readTargetList)];
    old = args.compare ? readAuditOutput(args.compare, '--compare').output : null;
    profile = args.profile ? checkProfile(args.profile) : undefined;
  } catch (e) {
    log(`fair-exit: ${(e as Error).message}`);
    return 2;
  }
  const { targets: all, repeated } = dedupeTargets(expandTargets(inputs));
  for (const t of repeated) log(`fair-exit: ${t.input} is listed more than once; audited once`);

  // Flow files are checked before anything runs: a broken one is a usage error (exit 2).
  let flowFiles: LoadedFlow[];
  try {
    flowFiles = args.flows.map(loadFlowFile);
  } catch (e) {
    if (!(e instanceof FlowFileError)) throw e;
    log(`fair-exit: ${e.message}`);
    return 2;
  }
  // With --shard, the flows run once, in the first shard.
  if (args.shard && args.shard.k !== 1) flowFiles = [];
  let flowOutcome: FlowsOutcome = { reports: [], bundles: [], failures: [] };

  // Bundle folders are numbered by the position in the whole list, so shards never collide and a
  // merge keeps them apart; the shard is picked by a hash of each target, not by its position.
  const jobs: Job[] = all.map((t, i) => ({ t, n: i + 1, url: null, status: 'not-run', folder: null }));
  const mine = args.shard ? jobs.filter((j) => shardOf(j.t.error ? j.t.input : targetKey(j.t), args.shard!.n) === args.shard!.k) : jobs;

  const server = new LocalServer();
  await server.start();
  // Register every local folder in list order (not only this shard's), so that a page has the same
  // loopback path (/r<n>/...) in every shard and every run of the same list.
  for (const j of jobs) if (!j.t.error) j.url = j.t.kind === 'file' ? server.urlFor(j.t.path!, j.t.root) : j.t.input;

  const progress = new Progress(mine.length);
  const fail = (j: Job, reason: string) => {
    j.status = 'failed';
    j.reason = reason;
    progress.log(`fair-exit: cannot load ${j.t.input}: ${reason}`);
  };
  for (const j of mine) {
    if (!j.t.error) continue;
    fail(j, j.t.error);
    progress.finish(j.t.input, false);
  }

  let interrupted = false;
  let interruptedAt = 0;
  const open = new Set<Page>();
  const onSigint = () => {
    // One Ctrl-C can arrive more than once (from the terminal and relayed by npm and tsx).
    if (interrupted && Date.now() - interruptedAt > 1000) process.exit(EXIT_INTERRUPTED);
    if (interrupted) return;
    interrupted = true;
    interruptedAt = Date.now();
    progress.log('fair-exit: stopping (Ctrl-C): writing what was finished; press Ctrl-C again to quit at once');
    for (const p of open) void p.close().catch(() => {});
  };
  process.on('SIGINT', onSigint);

  let browser: ExtensionBrowser | null = null;
  const auditOne = async (b: ExtensionBrowser, j: Job) => {
    progress.start(j.t.input);
    const began = Date.now();
    let page: Page | null = null;
    try {
      page = await b.context.newPage();
      open.add(page);
      const got = interrupted ? null : await collectOn(b, page, j.url!, args.timeoutS);
      j.ms = Date.now() - began;
      if (interrupted || !got) j.status = 'not-run';
      else if (!got.ok) fail(j, got.reason);
      else {
        j.status = 'ok';
        j.report = got.report;
        if (args.out) {
          j.folder = folderName(j.n, jobs.length, targetSlug(j.t));
          // The bundle is the extension's own (src/evidence); the audit only writes its bytes.
          const bundle = await collectBundle(b, page.url(), got.report).catch((e) => {
            progress.log(`fair-exit: no evidence bundle for ${j.t.input}: ${firstLine((e as Error).message)}`);
            return null;
          });
          writePageFolder(args.out, j.folder, got.report, bundle);
        }
      }
    } catch (e) {
      if (interrupted) j.status = 'not-run';
      else fail(j, firstLine((e as Error).message));
    } finally {
      if (page) {
        open.delete(page);
        await page.close().catch(() => {});
      }
      progress.finish(j.t.input, j.status !== 'failed');
    }
  };
  try {
    const todo = mine.filter((j) => !j.t.error);
    if (todo.length) {
      ensureBuilt(log);
      const b = (browser = await launchWithExtension({ profileDir: profile }));
      if (args.out) await allowTabActivation(b);
      await runPool(
        todo,
        concurrency,
        (j) => auditOne(b, j),
        () => interrupted,
      );
    }
    if (flowFiles.length && !interrupted) {
      if (!browser) {
        ensureBuilt(log);
        browser = await launchWithExtension({ profileDir: profile });
      }
      flowOutcome = await runFlows(browser, flowFiles, {
        urlFor: (f) => server.urlFor(f),
        timeoutS: args.timeoutS,
        log: (s) => progress.log(s),
        stopped: () => interrupted,
        bundle: !!args.out,
      });
    }
  } finally {
    progress.stop();
    await browser?.close().catch(() => {});
    await server.stop();
    process.off('SIGINT', onSigint);
  }

  const pages = mine.filter((j) => j.status === 'ok').map((j) => j.report!);
  const flows = flowOutcome.reports;
  const output: AuditOutput = AuditOutput.parse({ schemaVersion: 1, tool: toolInfo(), pages, ...(args.flows.length ? { flows } : {}) });
  if (args.out && flows.length) writeFlowFolders(args.out, flows, flowOutcome.bundles);
  const meta: SurveyMeta = {
    surveyVersion: 1,
    startedAt: startedAt.toISOString(),
    elapsedMs: Date.now() - startedAt.getTime(),
    concurrency,
    shard: args.shard ? `${args.shard.k}/${args.shard.n}` : null,
    interrupted,
    compare: args.compare ?? null,
    targets: mine.map((j) => ({
      n: j.n,
      target: j.t.input,
      url: j.url,
      page: j.report && j.report.url !== j.url ? j.report.url : undefined,
      folder: j.folder,
      status: j.status,
      reason: j.reason,
      ms: j.ms,
    })),
  };
  const survey = args.out ? writeSurveyFiles(args.out, output, meta, old) : buildSurvey(output, meta, old);
  if (args.json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  else {
    const failures = mine.filter((j) => j.status === 'failed').map((j) => ({ target: j.t.input, reason: j.reason ?? '' }));
    failures.push(...flowOutcome.failures);
    process.stdout.write(`${flows.length ? `${formatFlows(flows)}\n` : ''}${formatTable(output, failures, old ? survey : null)}\n`);
  }
  if (interrupted) {
    const done = mine.filter((j) => j.status !== 'not-run').length;
    log(`fair-exit: stopped after ${done} of ${mine.length} target(s)${args.out ? `; partial results in ${args.out}` : ''}`);
    return EXIT_INTERRUPTED;
  }
  if (mine.some((j) => j.status === 'failed') || flowOutcome.failures.length) return 2;
  if (args.failOn) {
    const min = SEVERITY_RANK[args.failOn];
    const hit = [...pages, ...flows].some((p) => p.findings.some((f) => f.verdict === 'violation' && SEVERITY_RANK[f.severity] >= min));
    if (hit) return 1;
  }
  return 0;
}

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? s
  );
}

async function main(): Promise<void> {
  let args: AuditArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      log(`fair-exit: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  try {
    process.exitCode = await runAudit(args);
  } catch (e) {
    log(`fair-exit: ${(e as Error).message.split('\n')[0]}`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''))) void main();
