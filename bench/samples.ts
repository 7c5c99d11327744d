/** V8's sampling profile as CDP's Profiler.stop gives it, taken and read sample by sample (bench/profile.ts, scripts/scan-phases.ts, scripts/debug-bench-trace.ts). */
import type { CDPSession } from 'playwright-core';

export type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
export type SampledProfile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

/** Starts V8's sampling profiler in the page of `cdp`, a sample every `intervalUs` µs. */
export async function startProfiler(cdp: CDPSession, intervalUs: number): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
}

/** Stops it: the profile since startProfiler. */
export async function stopProfiler(cdp: CDPSession): Promise<SampledProfile> {
  return ((await cdp.send('Profiler.stop')) as unknown as { profile: SampledProfile }).profile;
}

/** Calls `visit` for each sample with its stack (the sampled function first, then its callers), the µs it stands for and when it was taken (µs, the trace's clock). */
export function eachSample(p: SampledProfile, visit: (stack: ProfileNode[], us: number, at: number) => void): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stacks = new Map<number, ProfileNode[]>();
  const stackOf = (id: number): ProfileNode[] => {
    let stack = stacks.get(id);
    if (!stack) {
      stack = [];
      for (let a: number | undefined = id; a !== undefined; a = parent.get(a)) stack.push(byId.get(a)!);
      stacks.set(id, stack);
    }
    return stack;
  };
  let at = p.startTime;
  p.samples.forEach((id, i) => {
    at += p.timeDeltas[i] ?? 0;
    visit(stackOf(id), p.timeDeltas[i + 1] ?? 0, at);
  });
}

/** A function's name and place, for a line of a listing. */
export function frameName(n: ProfileNode): string {
  return `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber + 1}`;
}
