// @vitest-environment node
import { mkdtempSync, symlinkSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/audit/profile';

function profileLockedBy(lock: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'fe-profile-'));
  if (lock) symlinkSync(lock, join(dir, 'SingletonLock'));
  return dir;
}

/** A pid that no process has now. */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid--) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
}

describe('--profile DIR', () => {
  it('takes a profile no browser holds, including one left locked by a browser that died', () => {
    const free = profileLockedBy(null);
    expect(checkProfile(free)).toBe(free);
    const stale = profileLockedBy(`${hostname()}-${deadPid()}`);
    expect(checkProfile(stale)).toBe(stale);
    const elsewhere = profileLockedBy(`another-machine-${process.pid}`);
    expect(checkProfile(elsewhere)).toBe(elsewhere);
  });

  it('refuses a profile a running Chromium on this machine holds, and a missing folder', () => {
    expect(() => checkProfile(profileLockedBy(`${hostname()}-${process.pid}`))).toThrow(`a Chromium is using this profile (pid ${process.pid})`);
    expect(() => checkProfile(join(tmpdir(), 'fe-no-such-profile'))).toThrow(/no such folder .*--password-store=basic/);
  });
});
