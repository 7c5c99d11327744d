import { describe, expect, it } from 'vitest';
import { tasksOf, type TraceEvent } from '../../bench/trace';

const ev = (name: string, ts: number, dur: number, tdur = dur): TraceEvent => ({ name, ph: 'X', ts, dur, tdur, pid: 1, tid: 1 });
const TASK = 'ThreadControllerImpl::RunTask';
const CHECKPOINT = 'BlinkScheduler_PerformMicrotaskCheckpoint';

describe('bench trace: tasks as the Long Tasks API counts them', () => {
  it('joins a microtask checkpoint to the task it ends', () => {
    const tasks = tasksOf([ev(TASK, 0, 10), ev(CHECKPOINT, 12, 8_000)]);
    expect(tasks).toEqual([{ ts: 0, dur: 8_012, tdur: 8_010, gc: false }]);
  });

  it('keeps a task that starts right after another one ends apart (a sliced scan yields between them)', () => {
    const slices = [0, 1, 2, 3].flatMap((i) => [ev(TASK, i * 8_030, 10), ev(CHECKPOINT, i * 8_030 + 10, 8_000)]);
    const tasks = tasksOf(slices);
    expect(tasks).toHaveLength(4);
    expect(Math.max(...tasks.map((t) => t.tdur))).toBe(8_010);
  });

  it("marks the collector's own tasks of a whole-heap collection, and only those", () => {
    const posted = (src_func: string, ts: number): TraceEvent => ({ ...ev(TASK, ts, 10), args: { src_func } });
    const tasks = tasksOf([
      posted('void v8::internal::IncrementalMarkingJob::ScheduleTask()', 0),
      posted('static Handle cppgc::internal::Sweeper::SweeperImpl::IncrementalSweepTask::Post(SweeperImpl &)', 100),
      posted('void v8::internal::ScavengeJob::ScheduleTaskIfNeeded(Heap *)', 200),
      posted('DOMTaskContinuation', 300),
      ev(TASK, 400, 10),
    ]);
    expect(tasks.map((t) => t.gc)).toEqual([true, true, false, false, false]);
  });

  it('leaves out events nested in a task', () => {
    expect(tasksOf([ev(TASK, 0, 100), ev(TASK, 10, 20)])).toHaveLength(1);
  });
});
