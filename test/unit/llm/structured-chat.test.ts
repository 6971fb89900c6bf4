import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FallbackChain } from '../../../src/core/llm/fallback';
import { OllamaProvider } from '../../../src/core/llm/ollama/ollama-provider';
import { LlmError } from '../../../src/core/llm/provider';
import { chatStructured, InvalidOutputError, type InvalidAnswer } from '../../../src/core/llm/structured/structured-chat';
import { loadScript, startOllamaServer, type ScriptedOllama } from '../../support/ollama-server';

const Review = z.object({
  score: z.number().int().min(0).max(10).describe('Overall design score'),
  findings: z.array(z.string()),
});
const MODEL = 'qwen2.5-coder:7b';
let server: ScriptedOllama | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function route(url: string): FallbackChain {
  const provider = new OllamaProvider({ url, fetch: globalThis.fetch, timeouts: { firstTokenMs: 10_000, totalMs: 20_000 } });
  return new FallbackChain([{ provider, model: MODEL }], { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
}

const ask = [{ role: 'user' as const, content: 'Review the rate limiter spec.' }];

describe('structured output through the Ollama client', () => {
  it('sends the JSON schema generated from the zod schema and finds JSON fenced in prose', async () => {
    server = await startOllamaServer(loadScript('fenced-with-prose'));
    const result = await chatStructured({ route: route(server.url), schema: Review, messages: ask });

    expect(result.value).toEqual({ score: 8, findings: ['Rate limits are per process, not per user {see R2}'] });
    expect(result.repairs).toBe(0);
    const [body] = server.chatBodies();
    expect(body?.format).toEqual(z.toJSONSchema(Review, { unrepresentable: 'any' }));
    expect(body?.messages?.[0]).toMatchObject({ role: 'system', content: expect.stringContaining('"score"') });
  });

  it('repairs a missing field by sending the validation errors back once', async () => {
    server = await startOllamaServer(loadScript('missing-field-then-fixed'));
    const logged: InvalidAnswer[] = [];
    const result = await chatStructured({ route: route(server.url), schema: Review, messages: ask, onInvalid: (answer) => logged.push(answer) });

    expect(result).toMatchObject({ value: { score: 6, findings: ['No rollback plan'] }, repairs: 1 });
    expect(logged).toHaveLength(1);
    expect(logged[0]?.problems.join()).toMatch(/^score: /);
    const repair = server.chatBodies()[1]?.messages ?? [];
    expect(repair.at(-2)).toEqual({ role: 'assistant', content: '{"findings": ["No rollback plan"]}' });
    expect(repair.at(-1)?.content).toMatch(/- score: /);
  });

  it('takes a finished answer that trails off into blank lines without end, without waiting for a stop', async () => {
    server = await startOllamaServer({ turns: [{ runaway: 'Here it is: {"score": 8, "findings": ["R2 has no limit per IP [see R2]"]}' }] });
    const result = await chatStructured({ route: route(server.url), schema: Review, messages: ask });

    expect(result).toMatchObject({ value: { score: 8, findings: ['R2 has no limit per IP [see R2]'] }, repairs: 0 });
    expect(result.response.text).toBe('Here it is: {"score": 8, "findings": ["R2 has no limit per IP [see R2]"]}');
  });

  it('takes an answer wrapped in one key named for it, without a repair round', async () => {
    server = await startOllamaServer({ turns: [{ reply: '{"review": {"score": 7, "findings": ["R3 has no timeout"]}}' }] });
    const result = await chatStructured({ route: route(server.url), schema: Review, messages: ask });

    expect(result).toMatchObject({ value: { score: 7, findings: ['R3 has no timeout'] }, repairs: 0 });
  });

  it('tells a model that answered with the JSON schema itself to answer with values', async () => {
    const echo = JSON.stringify(z.toJSONSchema(Review));
    server = await startOllamaServer({ turns: [{ reply: echo }, { reply: '{"score": 6, "findings": []}' }] });
    const result = await chatStructured({ route: route(server.url), schema: Review, messages: ask });

    expect(result).toMatchObject({ value: { score: 6, findings: [] }, repairs: 1 });
    const repair = server.chatBodies()[1]?.messages?.at(-1)?.content ?? '';
    expect(repair).toContain('- the answer repeats the JSON schema instead of following it: answer with the values themselves');
  });

  it('stops after the configured repair rounds and keeps every raw answer', async () => {
    server = await startOllamaServer({ ...loadScript('never-valid'), turns: [...(loadScript('never-valid').turns ?? []), { reply: 'never asked' }] });
    const error = await chatStructured({ route: route(server.url), schema: Review, messages: ask, repairRounds: 2 }).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(InvalidOutputError);
    const invalid = error as InvalidOutputError;
    expect(invalid.kind).toBe('invalid-output');
    expect(invalid.answers.map((answer) => answer.raw)).toEqual(['I think the design scores about eight out of ten.', '{"score": "eight"}', '{"score": 11, "findings": []}']);
    expect(invalid.answers[0]?.problems).toEqual(['no JSON value found in the answer']);
    expect(invalid.message).toMatch(/after 3 tries: score: /);
    expect(server.remainingTurns).toBe(1);
  });

  it('with repair off, the first invalid answer is the last', async () => {
    server = await startOllamaServer(loadScript('never-valid'));
    const error = await chatStructured({ route: route(server.url), schema: Review, messages: ask, repairRounds: 0 }).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(LlmError);
    expect((error as InvalidOutputError).answers).toHaveLength(1);
    expect(server.chatBodies()).toHaveLength(1);
  });
});
