import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PriceTableSchema, RunAccount } from '../../../src/core/llm/accounting';
import { BudgetGuard } from '../../../src/core/llm/budget';
import { AnswerCache } from '../../../src/core/llm/cache';
import { FallbackChain } from '../../../src/core/llm/fallback';
import { OllamaProvider } from '../../../src/core/llm/ollama/ollama-provider';
import { OpenAiProvider } from '../../../src/core/llm/openai/openai-provider';
import { meteredRoute, type RunServices } from '../../../src/core/llm/pipeline';
import type { ChatProvider } from '../../../src/core/llm/provider';
import { Tracer } from '../../../src/core/llm/spans';
import { parseSpanLog, type SpanEvent } from '../../../src/core/llm/spans-schema';
import { buildSpanTree, type SpanNode } from '../../../src/core/llm/spans-tree';
import { chatStructured } from '../../../src/core/llm/structured/structured-chat';
import { parsePromptFile } from '../../../src/core/prompts/loader';
import { renderPrompt } from '../../../src/core/prompts/render';
import { DESIGN_DIMENSIONS, DesignReview } from '../../../src/core/schemas/design-review';
import { refusedUrl, startOllamaServer, type ScriptedOllama } from '../../support/ollama-server';
import { startOpenAiServer, type ScriptedOpenAi } from '../../support/openai-server';

const MODEL = 'qwen2.5-coder:7b';
const GITHUB = 'ghp_' + '4fT9kQz2LmX8vB1nR7cW3yH6pJ0sD5aE2gU9';
const TEMPLATE = parsePromptFile({ path: 'prompts/reviewer/design-review.v1.md', text: readFileSync('prompts/reviewer/design-review.v1.md', 'utf8') });
const PROMPT = { id: TEMPLATE.id, version: TEMPLATE.version };
const REVIEW = JSON.stringify({
  dimensions: Object.fromEntries(DESIGN_DIMENSIONS.map((dimension) => [dimension, { score: 8, rationale: `${dimension} is covered` }])),
  findings: [],
  summary: 'Sound design.',
});
const timeouts = { firstTokenMs: 10_000, totalMs: 20_000 };
const noWait = { retries: 0, baseDelayMs: 0, maxDelayMs: 0 };

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function ollama(script: Parameters<typeof startOllamaServer>[0]): Promise<ScriptedOllama> {
  const server = await startOllamaServer(script);
  servers.push(server);
  return server;
}

async function hosted(script: Parameters<typeof startOpenAiServer>[0]): Promise<ScriptedOpenAi> {
  const server = await startOpenAiServer(script);
  servers.push(server);
  return server;
}

const ollamaProvider = (url: string): ChatProvider => new OllamaProvider({ url, fetch: globalThis.fetch, timeouts });
const hostedProvider = (baseURL: string): ChatProvider => new OpenAiProvider({ id: 'openai:hosted', baseURL, fetch: globalThis.fetch, timeouts, local: false });

function run(services: Partial<RunServices> = {}) {
  const events: SpanEvent[] = [];
  let clock = Date.parse('2026-12-06T21:00:00Z');
  const tracer = new Tracer({ append: async (event) => void events.push(event) }, { now: () => (clock += 100) });
  const account = new RunAccount();
  const prices = PriceTableSchema.parse({ 'openai:hosted': { 'gpt-big': { inputPerMillion: 2, outputPerMillion: 10 } } });
  const root = tracer.startRun('run-1', 'spec "rate limiter"');
  const turn = root.child('turn', 'reviewer');
  const all: RunServices = { account, prices, ...services };
  const tree = async (): Promise<SpanNode | undefined> => {
    turn.end();
    root.end();
    await tracer.flush();
    const { events: parsed, problems } = parseSpanLog(events.map((event) => JSON.stringify(event)).join('\n'));
    expect(problems).toEqual([]);
    return buildSpanTree(parsed)[0];
  };
  return { events, account, services: all, turn, tree };
}

function review(route: ReturnType<typeof meteredRoute>, spec = 'R1: limit each client to 10 requests a second.') {
  const { messages } = renderPrompt(TEMPLATE, { spec, projectContext: 'src/net/server.ts' });
  return chatStructured({ route, schema: DesignReview, messages });
}

describe('metered route, through the real clients and scripted servers', () => {
  it('answers through Ollama once, then serves the same review from the cache without a request', async () => {
    const server = await ollama({ turns: [{ reply: REVIEW, promptTokens: 900, outputTokens: 300 }] });
    const cache = new AnswerCache();
    const { account, services, turn, tree } = run({ cache });
    const chain = new FallbackChain([{ provider: ollamaProvider(server.url), model: MODEL }], { retry: noWait });
    const first = await review(meteredRoute(chain, services, { prompt: PROMPT, turn }));
    const second = await review(meteredRoute(chain, services, { prompt: PROMPT, turn }));

    expect(first.value.summary).toBe('Sound design.');
    expect(second.value).toEqual(first.value);
    expect(server.chatBodies()).toHaveLength(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
    expect(account.totals()).toMatchObject({ calls: 2, cachedCalls: 1, inputTokens: 900, outputTokens: 300, costUsd: 0, unpricedCalls: 0 });
    const calls = (await tree())?.children[0]?.children ?? [];
    expect(calls.map((call) => [call.name, call.call?.cacheHit, call.call?.prompt])).toEqual([
      [`ollama/${MODEL}`, false, PROMPT],
      [`ollama/${MODEL}`, true, PROMPT],
    ]);
    expect(calls[0]?.call).toMatchObject({ provider: 'ollama', model: MODEL, inputTokens: 900, outputTokens: 300, costUsd: 0, redactions: 0 });
  });

  it('records each repair round as a call of its own, and leaves prompts for a local model unredacted', async () => {
    const missing = JSON.stringify({ ...JSON.parse(REVIEW), summary: undefined });
    const server = await ollama({ turns: [{ reply: missing }, { reply: REVIEW }] });
    const { account, services, turn, tree } = run();
    const chain = new FallbackChain([{ provider: ollamaProvider(server.url), model: MODEL }], { retry: noWait });
    const result = await review(meteredRoute(chain, services, { prompt: PROMPT, turn }), `R1: call GitHub with ${GITHUB}`);

    expect(result.repairs).toBe(1);
    expect(server.chatBodies()[0]?.messages?.some((message) => message.content.includes(GITHUB))).toBe(true);
    expect(account.totals()).toMatchObject({ calls: 2, inputTokens: 84, outputTokens: 34 });
    expect((await tree())?.totals).toMatchObject({ calls: 2, errors: 0, redactions: 0 });
  });

  it('falls back to a hosted provider when Ollama is down: the secret is redacted, the call priced, the fallback recorded', async () => {
    const server = await hosted({ turns: [{ reply: REVIEW, promptTokens: 1000, outputTokens: 200 }] });
    const { services, turn, tree } = run();
    const chain = new FallbackChain(
      [
        { provider: ollamaProvider(await refusedUrl()), model: MODEL },
        { provider: hostedProvider(server.baseURL), model: 'gpt-big' },
      ],
      { retry: noWait },
    );
    const facts: unknown[] = [];
    await review(meteredRoute(chain, services, { prompt: PROMPT, turn, onCall: (call) => facts.push(call) }), `R1: call GitHub with ${GITHUB}`);

    const sent = JSON.stringify(server.chatBodies()[0]?.messages);
    expect(sent).not.toContain(GITHUB);
    expect(sent).toContain('[REDACTED:github-token]');
    const call = (await tree())?.children[0]?.children[0];
    expect(call?.name).toBe(`ollama/${MODEL}, openai:hosted/gpt-big`);
    expect(call?.call).toMatchObject({
      provider: 'openai:hosted',
      model: 'gpt-big',
      redactions: 1,
      redactedKinds: { 'github-token': 1 },
      fellBackFrom: [{ provider: 'ollama', model: MODEL, reason: 'unreachable' }],
    });
    expect(call?.call?.costUsd).toBeCloseTo(0.004, 10);
    expect(facts).toEqual([call?.call]);
  });

  it('stops before a call that would go over the budget: the server gets no request and the span says why', async () => {
    const server = await ollama({ turns: [{ reply: REVIEW }] });
    const asked: string[] = [];
    const { services, turn, tree, account } = run();
    const budget = new BudgetGuard({ maxTokens: 500, reserveOutputTokens: 1024 }, account, async (summary) => (asked.push(summary.reason), false));
    const chain = new FallbackChain([{ provider: ollamaProvider(server.url), model: MODEL }], { retry: noWait });
    await expect(review(meteredRoute(chain, { ...services, budget }, { prompt: PROMPT, turn }))).rejects.toMatchObject({ kind: 'budget' });

    expect(server.chatBodies()).toHaveLength(0);
    expect(asked[0]).toMatch(new RegExp(`^the next call to ollama/${MODEL.replace('.', '\\.')} would bring the run to about \\d+ tokens, over the budget of 500$`));
    expect((await tree())?.children[0]?.children[0]?.error).toMatchObject({ kind: 'budget' });
  });

  it('records a route where no provider answers as an error span', async () => {
    const { services, turn, tree } = run();
    const chain = new FallbackChain([{ provider: ollamaProvider(await refusedUrl()), model: MODEL }], { retry: noWait });
    await expect(review(meteredRoute(chain, services, { prompt: PROMPT, turn }))).rejects.toMatchObject({ kind: 'no-provider' });
    const root = await tree();
    expect(root?.children[0]?.children[0]?.error?.message).toMatch(/^No model answered\. Tried:/);
    expect(root?.totals.errors).toBe(1);
  });

  it('keeps the model call going when the events log cannot be written', async () => {
    const server = await ollama({ turns: [{ reply: REVIEW }] });
    const failures: unknown[] = [];
    const tracer = new Tracer({ append: async () => Promise.reject(new Error('disk full')) }, { onWriteError: (error) => failures.push(error) });
    const turn = tracer.startRun('run-2', 'run').child('turn', 'reviewer');
    const chain = new FallbackChain([{ provider: ollamaProvider(server.url), model: MODEL }], { retry: noWait });
    const result = await review(meteredRoute(chain, { account: new RunAccount(), prices: {} }, { prompt: PROMPT, turn }));
    await tracer.flush();

    expect(result.value.summary).toBe('Sound design.');
    expect(failures.length).toBeGreaterThan(0);
  });
});
