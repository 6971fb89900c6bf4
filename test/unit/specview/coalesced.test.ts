import { describe, expect, it } from 'vitest';
import { coalesced } from '../../../src/extension/webviews/spec-view/coalesced';

describe('coalesced refresh', () => {
  it('runs once more after the run in progress however many times it was asked meanwhile, and reports a failure without stopping', async () => {
    const gates: Array<() => void> = [];
    const runs: number[] = [];
    const errors: unknown[] = [];
    let finished: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const refresh = coalesced(
      () =>
        new Promise<void>((resolve, reject) => {
          const run = runs.length + 1;
          runs.push(run);
          gates.push(() => (run === 1 ? reject(new Error('spec.md is being written')) : resolve()));
          if (run === 2) queueMicrotask(finished);
        }),
      (error) => errors.push(error),
    );
    refresh();
    refresh();
    refresh();
    refresh();
    expect(runs).toEqual([1]);
    gates[0]?.();
    await done;
    gates[1]?.();
    expect(runs).toEqual([1, 2]);
    expect(errors).toEqual([new Error('spec.md is being written')]);
  });
});
