/**
 * One-time work moved out of the way: run when the page is next idle (requestIdleCallback), or
 * after a short wait where the browser has no idle callbacks. For costs every later task would
 * otherwise pay on its first use, such as a schema zod makes at its first parse.
 */
type IdleWindow = {
  requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number;
  setTimeout: (cb: () => void, ms: number) => unknown;
};

/** Longest wait for an idle period before the work runs anyway. */
const IDLE_TIMEOUT_MS = 2000;

export function whenIdle(win: IdleWindow, work: () => void): void {
  const run = () => {
    try {
      work();
    } catch {
      // Preparation only: whatever it meant to make is made again where it is used.
    }
  };
  if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  else win.setTimeout(run, 50);
}
