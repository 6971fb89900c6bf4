import { describe, expect, it } from 'vitest';
import { RestartBudget } from '../../../src/extension/restart-budget';

describe('restarts of a crashed rules server', () => {
  it('allows five in three minutes, then refuses until the oldest leaves the window', () => {
    let now = 0;
    const budget = new RestartBudget(5, 180_000, () => now);
    const taken = Array.from({ length: 5 }, () => {
      now += 1_000;
      return budget.take();
    });
    expect(taken).toEqual([true, true, true, true, true]);
    expect(budget.take()).toBe(false);
    now = 180_999;
    expect(budget.take()).toBe(false);
    now = 181_000;
    expect(budget.take()).toBe(true);
  });
});
