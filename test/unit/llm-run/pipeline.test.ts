import { describe, expect, it } from 'vitest';
import { PriceTableSchema, RunAccount } from '../../../src/core/llm/accounting';
import { BudgetGuard } from '../../../src/core/llm/budget';
import { AnswerCache } from '../../../src/core/llm/cache';
import { createModelCaller } from '../../../src/core/llm/pipeline';
import { type ChatProvider, type ChatRequest, LlmError } from '../../../src/core/llm/provider';
import { Tracer } from '../../../src/core/llm/spans';
import { parseSpanLog, type SpanEvent } from '../../../src/core/llm/spans-schema';
import { buildSpanTree } from '../../../src/core/llm/spans-tree';

const PROMPT = { id: 'reviewer/design-review', version: 1 };
const GITHUB = 'ghp_' + '4fT9kQz2LmX8vB1nR7cW3yH6pJ0sD5aE2gU9';

/** A provider that answers from a list, in order, and keeps every request it was sent. */
function listProvider(local: boolean, replies: (string | LlmError)[]): ChatProvider & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  const id = local ? 'ollama' : 'openai:hosted';
  return {
    id,
    local,
    requests,
    async chat(request) {
      requests.push(request);
      const reply = replies.shift();
      if (reply === undefined) throw new Error('no reply left');
      if (reply instanceof LlmError) throw reply;
      request.onText?.(reply);
      return { text: reply, usage: { inputTokens: 1000, outputTokens: 200 }, provider: id, model: request.model, firstTokenMs: 40, totalMs: 900 };
    },
    health: async () => ({ ok: true }),
    listModels: async () => [],
  };
}

function setup(provider: ChatProvider, budget?: { maxTokens: number; answers: boolean[] }) {
  const events: SpanEvent[] = [];
  let clock = Date.parse('2026-12-06T21:00:00Z');
  const tracer = new Tracer({ append: async (event) => void events.push(event) }, { now: () => (clock += 100) });
  const account = new RunAccount();
  const cache = new AnswerCache();
  const prices = PriceTableSchema.parse({ 'openai:hosted': { 'gpt-big': { inputPerMillion: 2, outputPerMillion: 10 } } });
  const guard = budget ? new BudgetGuard({ maxTokens: budget.maxTokens, reserveOutputTokens: 100 }, account, async () => budget.answers.shift() ?? false) : undefined;
  const call = createModelCaller({ provider, account, prices, cache, ...(guard ? { budget: guard } : {}) });
  const run = tracer.startRun('run-1', 'spec "rate limiter"');
  const turn = run.child('turn', 'reviewer');
  return { events, tracer, account, cache, call, run, turn };
}

describe('model call pipeline', () => {
  it('answers from the provider, then serves the same input from the cache without calling it', async () => {
    const provider = listProvider(true, ['{"first":1}', '{"second":2}']);
    const { call, turn, account, cache } = setup(provider);
    const request = { model: 'qwen', messages: [{ role: 'user' as const, content: 'Review this' }] };
    const first = await call({ request, prompt: PROMPT, turn });
    const streamed: string[] = [];
    const second = await call({ request: { ...request, onText: (text: string) => streamed.push(text) }, prompt: PROMPT, turn });
    expect(first).toMatchObject({ text: '{"first":1}', cached: false, costUsd: 0, prompt: PROMPT });
    expect(second).toMatchObject({ text: '{"first":1}', cached: true, costUsd: 0, prompt: PROMPT });
    expect(streamed).toEqual(['{"first":1}']);
    expect(provider.requests).toHaveLength(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1 });
    expect(account.totals()).toMatchObject({ calls: 2, cachedCalls: 1, inputTokens: 1000, outputTokens: 200 });
    const other = await call({ request, prompt: { ...PROMPT, version: 2 }, turn });
    expect(other.text).toBe('{"second":2}');
  });

  it('redacts secrets for a non-local provider, prices the call, and writes the call span under its turn', async () => {
    const provider = listProvider(false, ['{}']);
    const { call, turn, run, tracer, events } = setup(provider);
    const answer = await call({ request: { model: 'gpt-big', messages: [{ role: 'user', content: `token ${GITHUB} fails` }] }, prompt: PROMPT, turn });
    turn.end();
    run.end();
    await tracer.flush();
    expect(provider.requests[0]?.messages[0]?.content).toBe('token [REDACTED:github-token] fails');
    expect(answer.redactions).toEqual({ count: 1, kinds: { 'github-token': 1 } });
    expect(answer.costUsd).toBeCloseTo(0.004, 10);
    const lines = events.map((event) => JSON.stringify(event)).join('\n');
    expect(lines).not.toContain(GITHUB);
    const { events: parsed, problems } = parseSpanLog(lines);
    expect(problems).toEqual([]);
    const [root] = buildSpanTree(parsed);
    expect(root).toMatchObject({ kind: 'run', name: 'spec "rate limiter"', durationMs: 500 });
    expect(root?.children[0]).toMatchObject({ kind: 'turn', name: 'reviewer', durationMs: 300 });
    expect(root?.children[0]?.children[0]).toMatchObject({
      kind: 'call',
      name: 'openai:hosted/gpt-big',
      durationMs: 100,
      call: { provider: 'openai:hosted', model: 'gpt-big', prompt: PROMPT, inputTokens: 1000, outputTokens: 200, firstTokenMs: 40, cacheHit: false, redactions: 1, redactedKinds: { 'github-token': 1 } },
    });
    expect(root?.totals).toMatchObject({ calls: 1, inputTokens: 1000, outputTokens: 200, redactions: 1, errors: 0 });
  });

  it('sends prompts to a local provider unchanged', async () => {
    const provider = listProvider(true, ['{}']);
    const { call, turn } = setup(provider);
    await call({ request: { model: 'qwen', messages: [{ role: 'user', content: `token ${GITHUB}` }] }, prompt: PROMPT, turn });
    expect(provider.requests[0]?.messages[0]?.content).toBe(`token ${GITHUB}`);
  });

  it('records a failed call as an error span with its kind, and caches nothing', async () => {
    const provider = listProvider(true, [new LlmError('timeout', 'no first token within 30 s', 'ollama'), '{"late":true}']);
    const { call, turn, tracer, events, account } = setup(provider);
    const request = { model: 'qwen', messages: [{ role: 'user' as const, content: 'x' }] };
    await expect(call({ request, prompt: PROMPT, turn })).rejects.toMatchObject({ kind: 'timeout' });
    expect((await call({ request, prompt: PROMPT, turn })).cached).toBe(false);
    await tracer.flush();
    const ends = events.filter((event) => event.type === 'span-end');
    expect(ends[0]).toMatchObject({ status: 'error', error: { kind: 'timeout', message: 'no first token within 30 s' } });
    expect(account.totals().calls).toBe(1);
  });

  it('stops before a call that would go over the budget, without calling the provider', async () => {
    const provider = listProvider(true, ['{}', '{}']);
    const { call, turn, tracer, events } = setup(provider, { maxTokens: 1250, answers: [false] });
    await call({ request: { model: 'qwen', messages: [{ role: 'user', content: 'first' }] }, prompt: PROMPT, turn });
    await expect(call({ request: { model: 'qwen', messages: [{ role: 'user', content: 'second' }] }, prompt: PROMPT, turn })).rejects.toMatchObject({ kind: 'budget' });
    expect(provider.requests).toHaveLength(1);
    await tracer.flush();
    expect(events.at(-1)).toMatchObject({ type: 'span-end', status: 'error', error: { kind: 'budget' } });
  });

  it('keeps the model call going when the events log cannot be written', async () => {
    const failures: unknown[] = [];
    const tracer = new Tracer({ append: async () => Promise.reject(new Error('disk full')) }, { onWriteError: (error) => failures.push(error) });
    const call = createModelCaller({ provider: listProvider(true, ['{}']), account: new RunAccount(), prices: {} });
    const turn = tracer.startRun('run-2', 'run').child('turn', 'architect');
    expect((await call({ request: { model: 'qwen', messages: [{ role: 'user', content: 'x' }] }, prompt: PROMPT, turn })).text).toBe('{}');
    await tracer.flush();
    expect(failures.length).toBeGreaterThan(0);
  });
});
