/** Command-line arguments of `npm run audit` (shared/REPORT.md, docs/audit.md). */
import { availableParallelism } from 'node:os';

export type Severity = 'high' | 'medium' | 'low';
export type Shard = { k: number; n: number };
export type AuditArgs = {
  json: boolean;
  out: string | null;
  failOn: Severity | null;
  timeoutS: number;
  flows: string[];
  targets: string[];
  /** `--urls FILE`: files listing one target a line (`#` comments). */
  urlLists?: string[];
  /** Tabs audited at the same time (default: defaultConcurrency()). */
  concurrency?: number;
  /** `--compare OLD.json`: an earlier audit.json (or a --out folder holding one). */
  compare?: string | null;
  /** `--profile DIR`: a Chromium profile to reuse (signed-in sessions). */
  profile?: string | null;
  /** `--shard K/N`: audit only the K-th of N stable parts of the target list. */
  shard?: Shard | null;
};

export class UsageError extends Error {}

export const USAGE = [
  'usage: npm run audit -- [--json] [--out DIR] [--fail-on high|medium|low] [--timeout S]',
  '                        [--concurrency N] [--urls FILE] [--compare OLD.json] [--profile DIR]',
  '                        [--shard K/N] [--flow FLOW.json] TARGET...',
].join('\n');

/** What two cores handle well: the audit mostly waits for pages to settle, so one tab per core. */
export function defaultConcurrency(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export function parseShard(v: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || k < 1 || k > n) throw new UsageError(`--shard takes K/N with 1 <= K <= N, not "${v}"`);
  return { k, n };
}

export function parseArgs(argv: string[]): AuditArgs {
  const args: AuditArgs = {
    json: false,
    out: null,
    failOn: null,
    timeoutS: 15,
    flows: [],
    targets: [],
    urlLists: [],
    concurrency: defaultConcurrency(),
    compare: null,
    profile: null,
    shard: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--out') args.out = value();
    else if (a === '--fail-on') {
      const v = value();
      if (v !== 'high' && v !== 'medium' && v !== 'low') throw new UsageError(`--fail-on takes high, medium or low, not "${v}"`);
      args.failOn = v;
    } else if (a === '--timeout') {
      const v = Number(value());
      if (!Number.isFinite(v) || v <= 0) throw new UsageError('--timeout takes a positive number of seconds');
      args.timeoutS = v;
    } else if (a === '--concurrency') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1 || v > 32) throw new UsageError('--concurrency takes a whole number from 1 to 32');
      args.concurrency = v;
    } else if (a === '--urls') args.urlLists!.push(value());
    else if (a === '--compare') args.compare = value();
    else if (a === '--profile') args.profile = value();
    else if (a === '--shard') args.shard = parseShard(value());
    else if (a === '--flow') args.flows.push(value());
    else if (a === '--help' || a === '-h') throw new UsageError(USAGE);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else args.targets.push(a);
  }
  if (args.targets.length === 0 && args.flows.length === 0 && args.urlLists!.length === 0) throw new UsageError(`no target given\n${USAGE}`);
  return args;
}
