/**
 * The size a plan label names ("Upgrade to 2 TB", "轉為 300M 計劃"): storage or data in megabytes, or a
 * line's speed in megabits per second. Sizes compare only within one kind.
 */
export type PlanSize = { kind: 'bytes' | 'speed'; value: number };

// "5G" names a network generation, not a size: a bare G is never read; a bare M only after two digits (300M).
const SIZE = /(\d+(?:\.\d+)?)\s*(tb|gb|mb|gbps|mbps|(?<=\d{2})m(?![a-z]))(?![a-z])/iu;
const FACTOR: Record<string, PlanSize> = {
  mb: { kind: 'bytes', value: 1 },
  gb: { kind: 'bytes', value: 1024 },
  tb: { kind: 'bytes', value: 1024 * 1024 },
  mbps: { kind: 'speed', value: 1 },
  m: { kind: 'speed', value: 1 },
  gbps: { kind: 'speed', value: 1000 },
};

/** "1G 光纖", "2G fibre": a bare G before a word of a fixed line is that line's speed in gigabits. */
const FIBRE_G = /(\d+(?:\.\d+)?)\s*g(?![a-z])\s*(?:光纖|光纤|寬頻|宽带|fib(?:er|re)\b|broadband\b)/iu;

export function planSize(label: string): PlanSize | null {
  const m = SIZE.exec(label);
  if (!m) {
    const g = FIBRE_G.exec(label);
    return g ? { kind: 'speed', value: Number(g[1]) * 1000 } : null;
  }
  const unit = FACTOR[m[2].toLowerCase()];
  return { kind: unit.kind, value: Number(m[1]) * unit.value };
}

/** Whether a size is smaller than one an upgrade offers, of the same kind. */
export function sizeBelow(size: PlanSize | null, upward: PlanSize[]): boolean {
  return size !== null && upward.some((u) => u.kind === size.kind && u.value > size.value);
}
