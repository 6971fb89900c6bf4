import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { cliBudgetQuestion } from '../../../src/cli/budget-question';
import type { BudgetSummary } from '../../../src/core/llm/budget';

const SUMMARY: BudgetSummary = {
  reason: 'the next call to ollama/qwen2.5-coder:7b would bring the run to about 2044 tokens, over the budget of 1000',
  spent: { calls: 1, cachedCalls: 0, inputTokens: 900, outputTokens: 100, totalMs: 2000, costUsd: 0, unpricedCalls: 0 },
  next: { route: 'ollama/qwen2.5-coder:7b', inputTokens: 1020, outputTokens: 1024, costUsd: 0 },
  budget: { maxTokens: 1000, reserveOutputTokens: 1024 },
};

it('ends an open budget question with "no" when the command is interrupted, without waiting for an answer', async () => {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = new PassThrough();
  const asked = new Promise<void>((resolve) => output.on('data', (chunk: Buffer) => chunk.toString().includes('Go on for the rest of this run? [y/N]') && resolve()));
  const interrupt = new AbortController();

  const answer = cliBudgetQuestion({ yes: false, input, output, signal: interrupt.signal })(SUMMARY);
  await asked;
  interrupt.abort();

  expect(await answer).toBe(false);
});
