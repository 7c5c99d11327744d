/** Sizes named in plan labels (src/engine/plan-size.ts): a change to a smaller plan is a way down. */
import { describe, expect, it } from 'vitest';
import { planSize, sizeBelow } from '../../src/engine/plan-size';

describe('plan size', () => {
  it('reads storage and speed, and never a network generation', () => {
    expect(planSize('Upgrade to 2 TB')).toEqual({ kind: 'bytes', value: 2 * 1024 * 1024 });
    expect(planSize('Move to 100 GB plan')).toEqual({ kind: 'bytes', value: 100 * 1024 });
    expect(planSize('轉為 300M 計劃')).toEqual({ kind: 'speed', value: 300 });
    expect(planSize('提速至1000M')).toEqual({ kind: 'speed', value: 1000 });
    expect(planSize('Switch to 1 Gbps')).toEqual({ kind: 'speed', value: 1000 });
    expect(planSize('4G 轉 5G 吃到飽')).toBeNull();
    // Round 31 (set FJ): a bare G is a fixed line's speed where the line is named.
    expect(planSize('升級 1G 光纖方案')).toEqual({ kind: 'speed', value: 1000 });
    expect(planSize('Upgrade to 2G fibre')).toEqual({ kind: 'speed', value: 2000 });
    expect(planSize('升级5G套餐')).toBeNull();
    expect(planSize('Switch to Basic')).toBeNull();
  });

  it('compares only sizes of one kind', () => {
    const upward = [planSize('Upgrade to 2 TB')!];
    expect(sizeBelow(planSize('Move to 100 GB plan'), upward)).toBe(true);
    expect(sizeBelow(planSize('Move to 5 TB plan'), upward)).toBe(false);
    expect(sizeBelow(planSize('Switch to 300 Mbps'), upward)).toBe(false);
    expect(sizeBelow(null, upward)).toBe(false);
  });
});
