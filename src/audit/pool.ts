/** Runs `work` on each item in list order, at most `concurrency` at a time; no new item starts once `stopped()` is true. */
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>, stopped: () => boolean = () => false): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (!stopped() && next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
}
