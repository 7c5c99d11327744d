/** Command-line arguments of `npm run audit` (shared/REPORT.md). */
export type Severity = 'high' | 'medium' | 'low';
export type AuditArgs = {
  json: boolean;
  out: string | null;
  failOn: Severity | null;
  timeoutS: number;
  flows: string[];
  targets: string[];
};

export class UsageError extends Error {}

export const USAGE = 'usage: npm run audit -- [--json] [--out DIR] [--fail-on high|medium|low] [--timeout S] [--flow FLOW.json] TARGET...';

export function parseArgs(argv: string[]): AuditArgs {
  const args: AuditArgs = { json: false, out: null, failOn: null, timeoutS: 15, flows: [], targets: [] };
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
    } else if (a === '--flow') args.flows.push(value());
    else if (a === '--help' || a === '-h') throw new UsageError(USAGE);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else args.targets.push(a);
  }
  if (args.targets.length === 0 && args.flows.length === 0) throw new UsageError(`no target given\n${USAGE}`);
  return args;
}
