/** `--profile DIR`: a Chromium profile signed in by hand (docs/audit.md), checked before launch. */
import { existsSync, readlinkSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from './args';

/** The pid of a running Chromium on this machine that holds the profile (its SingletonLock names host-pid), or null. */
export function profileHolder(dir: string): number | null {
  let lock: string;
  try {
    lock = readlinkSync(join(dir, 'SingletonLock'));
  } catch {
    return null;
  }
  const m = /^(.*)-(\d+)$/.exec(lock);
  if (!m || m[1] !== hostname()) return null;
  const pid = Number(m[2]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** The profile's absolute path; a UsageError when it is missing or a running Chromium holds it. */
export function checkProfile(dir: string): string {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new UsageError(`--profile ${dir}: no such folder (make it by signing in with chromium --user-data-dir=${dir} --password-store=basic; see docs/audit.md)`);
  }
  const pid = profileHolder(abs);
  if (pid !== null) throw new UsageError(`--profile ${dir}: a Chromium is using this profile (pid ${pid}); close it first`);
  return abs;
}
