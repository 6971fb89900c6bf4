import { afterEach, describe, expect, it } from 'vitest';
import { OllamaProvider, type OllamaProviderOptions } from '../../../src/core/llm/ollama/ollama-provider';
import { refusedUrl, startOllamaServer, type ScriptedOllama } from '../../support/ollama-server';
import { failure } from '../../support/llm-failure';

const MODEL = 'qwen2.5-coder:7b';
const schema = { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] };
let server: ScriptedOllama | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function provider(url: string, options: Partial<OllamaProviderOptions> = {}): OllamaProvider {
  return new OllamaProvider({ url, fetch: globalThis.fetch, timeouts: { firstTokenMs: 10_000, totalMs: 20_000 }, keepAlive: '10m', ...options });
}

describe('Ollama provider through the ollama client', () => {
  it('streams a clean answer and sends format, num_ctx and keep_alive', async () => {
    server = await startOllamaServer({ turns: [{ reply: '{"title":"Rate limiter"}', chunks: 4, promptTokens: 30, outputTokens: 9 }] });
    const deltas: string[] = [];
    const answer = await provider(server.url).chat({ model: MODEL, messages: [{ role: 'user', content: 'Name the spec.' }], schema, onText: (delta) => deltas.push(delta) });

    expect(answer.text).toBe('{"title":"Rate limiter"}');
    expect(deltas.length).toBe(4);
    expect(deltas.join('')).toBe(answer.text);
    expect(answer).toMatchObject({ provider: 'ollama', model: MODEL, usage: { inputTokens: 30, outputTokens: 9 } });
    const [body] = server.chatBodies();
    expect(body?.format).toEqual(schema);
    expect(body?.keep_alive).toBe('10m');
    expect(body?.options?.num_ctx).toBe(4096);
    expect(body?.stream).toBe(true);
  });

  it('sizes num_ctx from the prompt, within the context length read with show (asked once)', async () => {
    server = await startOllamaServer({ turns: [{ reply: 'a' }, { reply: 'b' }] });
    const chat = provider(server.url);
    const long = 'x'.repeat(30_000); // about 10k tokens by the estimate
    await chat.chat({ model: MODEL, messages: [{ role: 'user', content: long }] });
    await chat.chat({ model: MODEL, messages: [{ role: 'user', content: 'short' }] });

    expect(server.chatBodies().map((body) => body.options?.num_ctx)).toEqual([16384, 4096]);
    expect(server.server.requestsTo('/api/show')).toHaveLength(1);
  });

  it('refuses a prompt larger than the model context instead of letting Ollama cut it', async () => {
    server = await startOllamaServer({ models: [{ name: 'tiny', contextLength: 8192 }], turns: [{ reply: 'never sent' }] });
    const error = await failure(provider(server.url).chat({ model: 'tiny', messages: [{ role: 'user', content: 'y'.repeat(60_000) }] }));

    expect(error.kind).toBe('context');
    expect(error.message).toMatch(/holds at most 8192/);
    expect(server.chatBodies()).toHaveLength(0);
  });

  it('rejects an answer cut off mid-stream as truncated, after streaming the part that came', async () => {
    server = await startOllamaServer({ turns: [{ cut: '{"title": "Half an ans' }] });
    const deltas: string[] = [];
    const error = await failure(provider(server.url).chat({ model: MODEL, messages: [{ role: 'user', content: 'go' }], onText: (delta) => deltas.push(delta) }));

    expect(error.kind).toBe('truncated');
    expect(error.retryable).toBe(true);
    expect(deltas.join('')).toBe('{"title": "Half an ans');
  });

  it('rejects an error sent inside the stream, and an answer that hit the output limit, as truncated', async () => {
    server = await startOllamaServer({ turns: [{ streamError: 'model runner has unexpectedly stopped', after: '{"ti' }, { reply: '{"title": "Rate', finish: 'length' }] });
    const crashed = await failure(provider(server.url).chat({ model: MODEL, messages: [{ role: 'user', content: 'go' }] }));
    const limited = await failure(provider(server.url).chat({ model: MODEL, messages: [{ role: 'user', content: 'go' }] }));

    expect(crashed.kind).toBe('truncated');
    expect(crashed.message).toContain('model runner has unexpectedly stopped');
    expect(limited.kind).toBe('truncated');
    expect(limited.message).toMatch(/reached its output limit \(num_ctx 4096\)/);
  });

  it('times out a server that never answers, and the server sees the request dropped', async () => {
    server = await startOllamaServer({ turns: [{ stall: true }] });
    const dropped = server.server.clientDisconnected();
    const error = await failure(provider(server.url, { timeouts: { firstTokenMs: 200, totalMs: 20_000 } }).chat({ model: MODEL, messages: [{ role: 'user', content: 'go' }] }));

    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/first-token timeout/);
    await dropped;
  });

  it('times out an answer that starts and then stalls, with the whole-answer timeout', async () => {
    server = await startOllamaServer({ turns: [{ stall: true, after: '{"ti' }] });
    const error = await failure(provider(server.url, { timeouts: { firstTokenMs: 10_000, totalMs: 300 } }).chat({ model: MODEL, messages: [{ role: 'user', content: 'go' }] }));

    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/answer timeout/);
  });

  it('stops a model caught in a generation loop at once, hangs up, and says what it repeated', async () => {
    server = await startOllamaServer({ turns: [{ after: '{"summary": "', loop: 'The limiter keeps one bucket per key. ' }] });
    const dropped = server.server.clientDisconnected();
    const error = await failure(provider(server.url, { timeouts: { firstTokenMs: 10_000, totalMs: 20_000 } }).chat({ model: MODEL, messages: [{ role: 'user', content: 'go' }], schema: { type: 'object' } }));

    expect(error.kind).toBe('degenerate');
    expect(error.message).toContain('wrote "The limiter keeps one bucket per key. " over and over');
    expect(error.retryable).toBe(false);
    await dropped;
  });

  it('stops the HTTP request at once when cancelled mid-stream', async () => {
    server = await startOllamaServer({ turns: [{ stall: true, after: 'partial' }] });
    const controller = new AbortController();
    const dropped = server.server.clientDisconnected();
    const call = provider(server.url, { timeouts: { firstTokenMs: 60_000, totalMs: 60_000 } }).chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'go' }],
      signal: controller.signal,
      onText: () => controller.abort(),
    });
    const error = await failure(call);

    expect(error.kind).toBe('cancelled');
    await dropped;
  });

  it('says how to pull a model the server does not have', async () => {
    server = await startOllamaServer({ models: [] });
    const error = await failure(provider(server.url).chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'go' }] }));

    expect(error).toMatchObject({ kind: 'http', status: 404 });
    expect(error.message).toContain('ollama pull llama3.2');
  });

  it('reports connection refused as unreachable, and health as down', async () => {
    const url = await refusedUrl();
    const error = await failure(provider(url).chat({ model: MODEL, messages: [{ role: 'user', content: 'go' }] }));

    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain('connection refused');
    expect(await provider(url).health()).toMatchObject({ ok: false });
  });

  it('lists models with their context length, reports health, and embeds', async () => {
    server = await startOllamaServer({ models: [{ name: 'nomic-embed-text', contextLength: 2048, architecture: 'nomic-bert' }], embeddingDimensions: 3 });
    const ollama = provider(server.url);

    expect(await ollama.health()).toEqual({ ok: true, version: '0.12.0' });
    expect(await ollama.listModels()).toEqual([{ name: 'nomic-embed-text', contextLength: 2048 }]);
    const vectors = await ollama.embed('nomic-embed-text', ['a', 'b']);
    expect(vectors.map((vector) => vector.length)).toEqual([3, 3]);
    expect(server.server.requestsTo('/api/embed')[0]?.body).toMatchObject({ model: 'nomic-embed-text', input: ['a', 'b'], keep_alive: '10m' });
  });
});
