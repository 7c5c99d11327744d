import { describe, expect, it } from 'vitest';
import { tasksOf, type TraceEvent } from '../../bench/trace';

const ev = (name: string, ts: number, dur: number, tdur = dur): TraceEvent => ({ name, ph: 'X', ts, dur, tdur, pid: 1, tid: 1 });
const TASK = 'ThreadControllerImpl::RunTask';
const CHECKPOINT = 'BlinkScheduler_PerformMicrotaskCheckpoint';

describe('bench trace: tasks as the Long Tasks API counts them', () => {
  it('joins a microtask checkpoint to the task it ends', () => {
    const tasks = tasksOf([ev(TASK, 0, 10), ev(CHECKPOINT, 12, 8_000)]);
    expect(tasks).toEqual([{ ts: 0, dur: 8_012, tdur: 8_010 }]);
  });

  it('keeps a task that starts right after another one ends apart (a sliced scan yields between them)', () => {
    const slices = [0, 1, 2, 3].flatMap((i) => [ev(TASK, i * 8_030, 10), ev(CHECKPOINT, i * 8_030 + 10, 8_000)]);
    const tasks = tasksOf(slices);
    expect(tasks).toHaveLength(4);
    expect(Math.max(...tasks.map((t) => t.tdur))).toBe(8_010);
  });

  it('leaves out events nested in a task', () => {
    expect(tasksOf([ev(TASK, 0, 100), ev(TASK, 10, 20)])).toHaveLength(1);
  });
});
