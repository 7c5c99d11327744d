/** One-time preparation put off until the page is idle (src/content/when-idle.ts). */
import { describe, expect, it } from 'vitest';
import { whenIdle } from '../../src/content/when-idle';

describe('whenIdle', () => {
  it('runs the work in an idle callback with a timeout, not at once', () => {
    const idle: { cb: () => void; timeout?: number }[] = [];
    const win = {
      requestIdleCallback: (cb: () => void, opts?: { timeout: number }) => idle.push({ cb, timeout: opts?.timeout }),
      setTimeout: () => {
        throw new Error('not used where idle callbacks exist');
      },
    };
    let ran = 0;
    whenIdle(win, () => ran++);
    expect(ran).toBe(0);
    expect(idle).toHaveLength(1);
    expect(idle[0].timeout).toBeGreaterThan(0);
    idle[0].cb();
    expect(ran).toBe(1);
  });

  it('waits with a timer where the browser has no idle callbacks', () => {
    const timers: { cb: () => void; ms: number }[] = [];
    let ran = 0;
    whenIdle({ setTimeout: (cb: () => void, ms: number) => timers.push({ cb, ms }) }, () => ran++);
    expect(ran).toBe(0);
    expect(timers).toHaveLength(1);
    timers[0].cb();
    expect(ran).toBe(1);
  });

  it('keeps a failure of the preparation to itself', () => {
    let later: (() => void) | null = null;
    whenIdle({ setTimeout: (cb: () => void) => (later = cb) }, () => {
      throw new Error('schema could not be made');
    });
    expect(later).not.toBeNull();
    expect(() => later!()).not.toThrow();
  });
});
