/**
 * Developer aid: a mark in the page's performance timeline at a boundary of the scan's phases, in a
 * build made with FAIR_EXIT_PHASE_MARKS=1 (wxt.config.ts). scripts/rescan-phases.ts reads each mark's
 * thread time from Chromium's trace: the CPU time of each phase of the extension's own scans, rescan by
 * rescan. In every other build the constant is false and the minifier leaves an empty function.
 */
declare const __FAIR_EXIT_PHASE_MARKS__: boolean | undefined;

export const PHASE_MARK_PREFIX = 'fair-exit-phase:';

export function phaseMark(name: string): void {
  if (typeof __FAIR_EXIT_PHASE_MARKS__ !== 'undefined' && __FAIR_EXIT_PHASE_MARKS__) performance.mark(PHASE_MARK_PREFIX + name);
}
