/**
 * One scan at a time: a scan runs in slices across many tasks, and asking again while it runs
 * (a rescan message, a page change) queues exactly one more scan after it, however often it is asked.
 */
export function serialScans(scan: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  const run = (): Promise<void> => {
    running = scan().finally(() => {
      running = null;
    });
    return running;
  };
  return () => {
    if (!running) return run();
    again ??= running.then(() => {
      again = null;
      return run();
    });
    return again;
  };
}
