/** The audit's command lines (src/audit/cli.ts, merge-cli.ts) run as `npm run audit` runs them, without blocking the test file. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../src/audit/browser';

export type Run = { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

const TSX = pathToFileURL(join(PROJECT_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/**
 * node --import tsx (not npx): one process, so a SIGINT reaches the audit itself, and no second of
 * npx start-up per run. Asynchronous, so runs of tests that run at the same time overlap.
 */
export function cli(script: string, args: string[], onStart?: (kill: () => void) => void, cwd = PROJECT_ROOT, timeoutMs = 240_000): Promise<Run> {
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
