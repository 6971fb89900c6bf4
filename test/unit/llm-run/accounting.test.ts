import { describe, expect, it } from 'vitest';
import { costOf, formatUsd, priceOf, PriceTableSchema, RunAccount } from '../../../src/core/llm/accounting';
import { BudgetGuard, type BudgetSummary, estimateTokens } from '../../../src/core/llm/budget';
import { LlmError } from '../../../src/core/llm/provider';

const PROMPT = { id: 'architect/spec', version: 1 };
const prices = PriceTableSchema.parse({
  'openai:hosted': { 'gpt-big': { inputPerMillion: 2.5, outputPerMillion: 10 }, '*': { inputPerMillion: 1, outputPerMillion: 1 } },
});

describe('prices and accounting', () => {
  it('prices a model, falls back to the provider wildcard, and makes local models free', () => {
    expect(priceOf(prices, 'openai:hosted', 'gpt-big', false)).toEqual({ inputPerMillion: 2.5, outputPerMillion: 10 });
    expect(priceOf(prices, 'openai:hosted', 'gpt-small', false)).toEqual({ inputPerMillion: 1, outputPerMillion: 1 });
    expect(priceOf(prices, 'openai:other', 'x', false)).toBeUndefined();
    expect(priceOf(prices, 'ollama', 'qwen', true)).toEqual({ inputPerMillion: 0, outputPerMillion: 0 });
    expect(costOf({ inputPerMillion: 2.5, outputPerMillion: 10 }, { inputTokens: 1000, outputTokens: 500 })).toBeCloseTo(0.0075, 10);
    expect(formatUsd(0.0075)).toBe('$0.0075');
    expect(formatUsd(0.0000025)).toBe('$0.000003');
  });

  it('rejects a price table with a negative or missing price, naming the key', () => {
    const result = PriceTableSchema.safeParse({ 'openai:hosted': { 'gpt-big': { inputPerMillion: -1 } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['openai:hosted.gpt-big.inputPerMillion', 'openai:hosted.gpt-big.outputPerMillion']);
  });

  it('sums tokens, time and cost per run; cached answers cost nothing; unpriced calls are counted', () => {
    const account = new RunAccount();
    account.record({ provider: 'openai:hosted', model: 'gpt-big', prompt: PROMPT, usage: { inputTokens: 1000, outputTokens: 500 }, totalMs: 1200, costUsd: 0.0075, cached: false });
    account.record({ provider: 'openai:hosted', model: 'gpt-big', prompt: PROMPT, usage: { inputTokens: 1000, outputTokens: 500 }, totalMs: 0, costUsd: 0, cached: true });
    account.record({ provider: 'openai:other', model: 'x', prompt: PROMPT, usage: { inputTokens: 10, outputTokens: 20 }, totalMs: 300, costUsd: undefined, cached: false });
    expect(account.totals()).toEqual({ calls: 3, cachedCalls: 1, inputTokens: 1010, outputTokens: 520, totalMs: 1500, costUsd: 0.0075, unpricedCalls: 1 });
  });
});

describe('budget', () => {
  const messages = [{ role: 'user' as const, content: 'x'.repeat(400) }];

  function guard(budget: { maxTokens?: number; maxCostUsd?: number }, answers: boolean[]) {
    const account = new RunAccount();
    const asked: BudgetSummary[] = [];
    const budgetGuard = new BudgetGuard({ reserveOutputTokens: 100, ...budget }, account, async (summary) => {
      asked.push(summary);
      return answers.shift() ?? false;
    });
    return { account, asked, budgetGuard };
  }

  it('estimates tokens from the text, erring high', () => {
    expect(estimateTokens(messages)).toBe(104);
  });

  it('lets calls through under the budget without asking', async () => {
    const { asked, budgetGuard } = guard({ maxTokens: 1000 }, []);
    const release = await budgetGuard.admit({ route: 'ollama/qwen', messages, price: undefined });
    release();
    expect(asked).toEqual([]);
  });

  it('asks before a call that would go over the token budget, and stops with LlmError(budget) when refused', async () => {
    const { account, asked, budgetGuard } = guard({ maxTokens: 500 }, [false]);
    account.record({ provider: 'ollama', model: 'qwen', prompt: PROMPT, usage: { inputTokens: 200, outputTokens: 150 }, totalMs: 10, costUsd: 0, cached: false });
    const refused = await budgetGuard.admit({ route: 'ollama/qwen', messages, price: undefined }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LlmError);
    expect((refused as LlmError).kind).toBe('budget');
    expect((refused as LlmError).message).toContain('about 554 tokens, over the budget of 500');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ spent: { inputTokens: 200, outputTokens: 150 }, next: { route: 'ollama/qwen', inputTokens: 104, outputTokens: 100 } });
  });

  it('asks once: a yes lets the rest of the run go over without asking again', async () => {
    const { asked, budgetGuard } = guard({ maxTokens: 150 }, [true, false]);
    const release = await budgetGuard.admit({ route: 'ollama/qwen', messages, price: undefined });
    release();
    const next = await budgetGuard.admit({ route: 'ollama/qwen', messages, price: undefined });
    next();
    expect(asked).toHaveLength(1);
  });

  it('counts calls in flight, so parallel calls cannot together slip over the budget', async () => {
    const { asked, budgetGuard } = guard({ maxTokens: 300 }, [false]);
    const first = await budgetGuard.admit({ route: 'ollama/qwen', messages, price: undefined });
    await expect(budgetGuard.admit({ route: 'ollama/qwen', messages, price: undefined })).rejects.toMatchObject({ kind: 'budget' });
    first();
    first();
    const third = await budgetGuard.admit({ route: 'ollama/qwen', messages, price: undefined });
    third();
    expect(asked).toHaveLength(1);
  });

  it('checks money against the price, and asks when a non-local model has no price', async () => {
    const price = { inputPerMillion: 1000, outputPerMillion: 1000 };
    const { asked, budgetGuard } = guard({ maxCostUsd: 0.2 }, [false, false]);
    await expect(budgetGuard.admit({ route: 'openai:hosted/gpt-big', messages, price })).rejects.toThrow('about $0.2040');
    const within = await budgetGuard.admit({ route: 'openai:hosted/gpt-big', messages: [{ role: 'user', content: 'hi' }], price });
    within();
    await expect(budgetGuard.admit({ route: 'openai:other/x', messages, price: undefined })).rejects.toThrow('has no price for openai:other/x');
    expect(asked.map((summary) => summary.next.costUsd)).toEqual([0.204, undefined]);
  });

  it('asks one question at a time', async () => {
    const account = new RunAccount();
    let open = 0;
    let most = 0;
    const answers: (() => void)[] = [];
    let asked = (): void => undefined;
    const budgetGuard = new BudgetGuard({ maxTokens: 10, reserveOutputTokens: 100 }, account, () => {
      open++;
      most = Math.max(most, open);
      const answer = new Promise<boolean>((resolve) => answers.push(() => (open--, resolve(false))));
      asked();
      return answer;
    });
    const calls = [1, 2, 3].map(() => budgetGuard.admit({ route: 'ollama/qwen', messages, price: undefined }).catch((error: unknown) => error));
    for (let answered = 0; answered < 3; answered++) {
      if (answers.length <= answered) await new Promise<void>((resolve) => (asked = resolve));
      answers[answered]?.();
    }
    expect((await Promise.all(calls)).every((error) => error instanceof LlmError && error.kind === 'budget')).toBe(true);
    expect(most).toBe(1);
  });
});
