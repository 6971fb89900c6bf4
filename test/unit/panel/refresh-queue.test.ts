import { describe, expect, it } from 'vitest';
import { RefreshQueue } from '../../../src/extension/webviews/specs-panel/refresh-queue';

/** A refresh the test finishes by hand, so it can trigger while one runs. */
function manualWork() {
  const runs: (() => void)[] = [];
  let started = 0;
  let onStart: (() => void) | undefined;
  const work = () =>
    new Promise<void>((resolve) => {
      started++;
      runs.push(resolve);
      onStart?.();
    });
  const nextStart = () => new Promise<void>((resolve) => (onStart = resolve));
  return { work, runs, started: () => started, nextStart };
}

describe('RefreshQueue', () => {
  it('runs once for a burst of triggers in one task', async () => {
    const manual = manualWork();
    const queue = new RefreshQueue(manual.work, (error) => expect.fail(String(error)));
    const started = manual.nextStart();
    for (let index = 0; index < 5; index++) queue.trigger();
    expect(manual.started()).toBe(0);
    await started;
    expect(manual.started()).toBe(1);
  });

  it('runs exactly once more for triggers that arrive while it runs', async () => {
    const manual = manualWork();
    const queue = new RefreshQueue(manual.work, (error) => expect.fail(String(error)));
    let started = manual.nextStart();
    queue.trigger();
    await started;
    queue.trigger();
    queue.trigger();
    started = manual.nextStart();
    manual.runs[0]?.();
    await started;
    expect(manual.started()).toBe(2);
    manual.runs[1]?.();
    // Every microtask of the finished run has settled by the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    expect(manual.started()).toBe(2);
  });

  it('reports a failed run and keeps working', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const queue = new RefreshQueue(async () => {
      calls++;
      if (calls === 1) throw new Error('events.jsonl: bad line');
      done();
    }, (error) => {
      errors.push(error);
      queue.trigger();
    });
    queue.trigger();
    await finished;
    expect(calls).toBe(2);
    expect(String(errors[0])).toMatch(/bad line/);
  });
});
