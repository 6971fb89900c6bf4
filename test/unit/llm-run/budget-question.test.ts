import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { BudgetSummary } from '../../../src/core/llm/budget';
import { cliBudgetQuestion, parseBudgetOption } from '../../../src/cli/budget-question';

const SUMMARY: BudgetSummary = {
  reason: 'the next call to openai:hosted/gpt-big would bring the run to about $0.5200, over the budget of $0.5000',
  spent: { calls: 3, cachedCalls: 0, inputTokens: 9000, outputTokens: 1000, totalMs: 4000, costUsd: 0.48, unpricedCalls: 0 },
  next: { route: 'openai:hosted/gpt-big', inputTokens: 3000, outputTokens: 1024, costUsd: 0.04 },
  budget: { maxCostUsd: 0.5, reserveOutputTokens: 1024 },
};

function streams(tty: boolean) {
  const input = Object.assign(new PassThrough(), { isTTY: tty });
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { input, output, written: () => written };
}

describe('--budget', () => {
  it.each([
    ['50000', { maxTokens: 50_000 }],
    ['50k', { maxTokens: 50_000 }],
    ['2M tokens', { maxTokens: 2_000_000 }],
    ['$0.50', { maxCostUsd: 0.5 }],
    ['1.25usd', { maxCostUsd: 1.25 }],
    ['3$', { maxCostUsd: 3 }],
  ])('reads %s', (value, expected) => {
    expect(parseBudgetOption(value)).toEqual(expected);
  });

  it.each(['', '0', '$0', 'lots', '-5', '5 euros'])('rejects %j with what it expects', (value) => {
    expect(() => parseBudgetOption(value)).toThrow('expected tokens (50000, 50k) or US dollars ($0.50, 0.5usd)');
  });
});

describe('the CLI budget question', () => {
  it('goes on with --yes and says so', async () => {
    const io = streams(false);
    expect(await cliBudgetQuestion({ yes: true, ...io })(SUMMARY)).toBe(true);
    expect(io.written()).toBe('omni: the next call to openai:hosted/gpt-big would bring the run to about $0.5200, over the budget of $0.5000 (spent so far: 10000 tokens, $0.4800, in 3 calls); going on (--yes)\n');
  });

  it('stops without a terminal and says how to go on', async () => {
    const io = streams(false);
    expect(await cliBudgetQuestion({ yes: false, ...io })(SUMMARY)).toBe(false);
    expect(io.written()).toMatch(/; stopping\. Pass --yes to go on, or a larger --budget\.\n$/);
  });

  it.each([
    ['y\n', true],
    ['yes\n', true],
    ['\n', false],
    ['no\n', false],
  ])('asks on a terminal and takes %j as %s', async (reply, expected) => {
    const io = streams(true);
    const answer = cliBudgetQuestion({ yes: false, ...io })(SUMMARY);
    io.input.write(reply);
    expect(await answer).toBe(expected);
    expect(io.written()).toContain('Go on for the rest of this run? [y/N] ');
  });
});
