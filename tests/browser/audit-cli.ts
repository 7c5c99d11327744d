/** The audit's command lines (src/audit/cli.ts, merge-cli.ts) run as `npm run audit` runs them, without blocking the test file. */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../src/audit/browser';

export type Run = { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

const TSX = pathToFileURL(join(PROJECT_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/**
 * node --import tsx (not npx): one process, so a SIGINT reaches the audit itself, and no second of
 * npx start-up per run. Asynchronous, so runs of tests that run at the same time overlap.
 */
export async function cli(script: string, args: string[], onStart?: (kill: () => void) => void, cwd = PROJECT_ROOT, timeoutMs = 240_000): Promise<Run> {
  const release = await browserSlot();
  try {
    return await run(script, args, onStart, cwd, timeoutMs);
  } finally {
    release();
  }
}

function run(script: string, args: string[], onStart: ((kill: () => void) => void) | undefined, cwd: string, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, join(PROJECT_ROOT, 'src/audit', script), ...args], { cwd, timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
    onStart?.(() => child.kill('SIGINT'));
  });
}

export const audit = (...args: string[]) => cli('cli.ts', args);
export const merge = (...args: string[]) => cli('merge-cli.ts', args);

/**
 * Each audit starts a browser of its own. Test files run side by side and several of their tests at
 * once: without a limit, seven browsers shared two cores and audits ran out of time. At most
 * FAIR_EXIT_TEST_AUDITS (2) audits run at a time on the machine, over all test processes: a slot is a
 * file made exclusively, freed when the run ends or when the process that holds it is gone.
 */
const SLOTS = Math.max(1, Number(process.env.FAIR_EXIT_TEST_AUDITS ?? 2));
const SLOT_DIR = join(tmpdir(), 'fair-exit-test-audit-slots');

async function browserSlot(): Promise<() => void> {
  mkdirSync(SLOT_DIR, { recursive: true });
  for (;;) {
    for (let i = 0; i < SLOTS; i++) {
      const file = join(SLOT_DIR, `slot-${i}`);
      try {
        writeFileSync(file, String(process.pid), { flag: 'wx' });
        return () => rmSync(file, { force: true });
      } catch {
        if (holderGone(file)) rmSync(file, { force: true });
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function holderGone(file: string): boolean {
  try {
    process.kill(Number(readFileSync(file, 'utf8')), 0);
    return false;
  } catch (e) {
    // ESRCH: no such process. (EPERM: it exists, as another user's.) A file not yet written or just removed: try again.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
