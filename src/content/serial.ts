/**
 * One scan at a time: a scan runs in slices across many tasks, and asking again while it runs
 * (a rescan message, a page change) queues exactly one more scan after it, however often it is asked.
 */
export type SerialScans = (() => Promise<void>) & {
  /** A scan is running, or one is queued after it. */
  busy(): boolean;
};

export function serialScans(scan: () => Promise<void>): SerialScans {
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  const run = (): Promise<void> => {
    running = scan().finally(() => {
      running = null;
    });
    return running;
  };
  const ask = () => {
    if (!running) return run();
    again ??= running.then(() => {
      again = null;
      return run();
    });
    return again;
  };
  return Object.assign(ask, { busy: () => running !== null || again !== null });
}
