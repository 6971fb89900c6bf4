import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FallbackChain } from '../../../src/core/llm/fallback';
import { OpenAiProvider, type OpenAiProviderOptions } from '../../../src/core/llm/openai/openai-provider';
import { chatStructured } from '../../../src/core/llm/structured/structured-chat';
import { OllamaProvider } from '../../../src/core/llm/ollama/ollama-provider';
import { refusedUrl } from '../../support/ollama-server';
import { startOpenAiServer, type ScriptedOpenAi } from '../../support/openai-server';
import { failure } from '../../support/llm-failure';

const MODEL = 'qwen2.5-coder-7b-instruct';
let server: ScriptedOpenAi | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function provider(baseURL: string, options: Partial<OpenAiProviderOptions> = {}): OpenAiProvider {
  return new OpenAiProvider({ id: 'lmstudio', baseURL, fetch: globalThis.fetch, timeouts: { firstTokenMs: 10_000, totalMs: 20_000 }, ...options });
}

describe('OpenAI-compatible provider through the openai client (SSE)', () => {
  it('streams an answer with usage, sends the key and the JSON schema as response_format', async () => {
    server = await startOpenAiServer({ models: [{ name: MODEL }], turns: [{ reply: '{"ok":true}', chunks: 3, promptTokens: 12, outputTokens: 5 }] });
    const deltas: string[] = [];
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };
    const answer = await provider(server.baseURL, { apiKey: 'sk-test-123' }).chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], schema, onText: (delta) => deltas.push(delta) });

    expect(answer).toMatchObject({ text: '{"ok":true}', provider: 'lmstudio', usage: { inputTokens: 12, outputTokens: 5 } });
    expect(deltas).toHaveLength(3);
    const [request] = server.server.requestsTo('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test-123');
    expect(server.chatBodies()[0]).toMatchObject({ stream: true, response_format: { type: 'json_schema', json_schema: { name: 'answer', schema } } });
  });

  it('stops reading a finished JSON answer that trails off into blank lines without end, and returns it', async () => {
    server = await startOpenAiServer({ turns: [{ runaway: '{"ok": true, "note": "braces in a string: {"}' }] });
    const answer = await provider(server.baseURL).chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], schema: { type: 'object' } });

    expect(answer.text).toBe('{"ok": true, "note": "braces in a string: {"}');
    expect(answer.usage.outputTokens).toBeGreaterThan(0);
  });

  it('stops a model caught in a generation loop, blank lines inside an unfinished answer included', async () => {
    server = await startOpenAiServer({ turns: [{ after: '{"ok": ', loop: '\n' }] });
    const error = await failure(provider(server.baseURL).chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], schema: { type: 'object' } }));

    expect(error.kind).toBe('degenerate');
    expect(error.message).toContain('wrote blank space over and over');
  });

  it('asks again with a weaker answer format when the server refuses one, and remembers it', async () => {
    server = await startOpenAiServer({
      turns: [
        { status: 400, error: "'response_format.type' must be 'json_object' or 'text'" },
        { status: 400, error: 'response_format json_object is not supported by this server' },
        { reply: '{"ok": true}' },
        { reply: '{"ok": false}' },
        { status: 400, error: 'invalid message role' },
      ],
    });
    const lmstudio = provider(server.baseURL);
    const ask = { model: MODEL, messages: [{ role: 'user' as const, content: 'hi' }], schema: { type: 'object' } };

    expect((await lmstudio.chat(ask)).text).toBe('{"ok": true}');
    expect((await lmstudio.chat(ask)).text).toBe('{"ok": false}');
    expect(server.chatBodies().map((body) => body.response_format?.type ?? 'none')).toEqual(['json_schema', 'json_object', 'none', 'none']);
    // Any other 400 is the caller's to see, asked once.
    expect((await failure(provider(server.baseURL).chat(ask))).message).toContain('invalid message role');
    expect(server.chatBodies().map((body) => body.response_format?.type ?? 'none')).toEqual(['json_schema', 'json_object', 'none', 'none', 'json_schema']);
  });

  it('is local for a loopback URL and remote otherwise', () => {
    expect(provider('http://127.0.0.1:1234/v1').local).toBe(true);
    expect(provider('https://api.example.com/v1').local).toBe(false);
  });

  it('rejects a stream cut before the finish reason as truncated', async () => {
    server = await startOpenAiServer({ turns: [{ cut: 'Half of it' }] });
    const error = await failure(provider(server.baseURL).chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }));

    expect(error.kind).toBe('truncated');
  });

  it('rejects an error event inside the stream, and a length finish, as truncated', async () => {
    server = await startOpenAiServer({ turns: [{ streamError: 'out of memory', after: 'Half' }, { reply: 'cut by max_tokens', finish: 'length' }] });
    const crashed = await failure(provider(server.baseURL).chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }));
    const limited = await failure(provider(server.baseURL).chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }));

    expect(crashed.kind).toBe('truncated');
    expect(crashed.message).toContain('out of memory');
    expect(limited.kind).toBe('truncated');
    expect(limited.message).toContain('reached its output limit');
  });

  it('times out a server that never answers', async () => {
    server = await startOpenAiServer({ turns: [{ stall: true }] });
    const error = await failure(provider(server.baseURL, { timeouts: { firstTokenMs: 200, totalMs: 20_000 } }).chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }));

    expect(error.kind).toBe('timeout');
    await server.server.clientDisconnected();
  });

  it('cancels mid-stream and drops the connection', async () => {
    server = await startOpenAiServer({ turns: [{ stall: true, after: 'partial' }] });
    const controller = new AbortController();
    const error = await failure(
      provider(server.baseURL).chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], signal: controller.signal, onText: () => controller.abort() }),
    );

    expect(error.kind).toBe('cancelled');
    await server.server.clientDisconnected();
  });

  it('reports an error status with the server message, and 503 as worth retrying', async () => {
    server = await startOpenAiServer({ turns: [{ status: 401, error: 'invalid api key' }, { status: 503, error: 'loading model' }] });
    const unauthorized = await failure(provider(server.baseURL).chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }));
    const busy = await failure(provider(server.baseURL).chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }));

    expect(unauthorized).toMatchObject({ kind: 'http', status: 401, retryable: false });
    expect(unauthorized.message).toContain('invalid api key');
    expect(unauthorized.message).toContain('no API key is set: run "Omni: Set API Key" in VS Code, or name an environment variable in providers.lmstudio.apiKeyEnv');
    expect(busy).toMatchObject({ kind: 'http', status: 503, retryable: true });
  });

  it('counts a server without a /models route as up, and a refused connection as down', async () => {
    server = await startOpenAiServer({ turns: [{ reply: 'unused' }] });
    expect(await provider(`${server.baseURL}/no-such-prefix`).health()).toEqual({ ok: true });
    expect(await provider(`${await refusedUrl()}/v1`).health()).toMatchObject({ ok: false, reason: expect.stringContaining('connection refused') });
  });

  it('lists models with their context length, and embeds in input order', async () => {
    server = await startOpenAiServer({ models: [{ name: MODEL, contextLength: 32768 }, { name: 'text-embedding-nomic' }], embeddingDimensions: 2 });
    const openai = provider(server.baseURL);

    expect(await openai.health()).toEqual({ ok: true });
    expect(await openai.listModels()).toEqual([{ name: MODEL, contextLength: 32768 }, { name: 'text-embedding-nomic' }]);
    expect(await openai.embed('text-embedding-nomic', ['a', 'b', 'c'])).toEqual([
      [0, 0.1],
      [1, 1.1],
      [2, 2.1],
    ]);
  });

  it('backs up Ollama in a chain and carries structured output', async () => {
    server = await startOpenAiServer({ turns: [{ reply: 'Here you go: {"score": 9}' }] });
    const chain = new FallbackChain([
      { provider: new OllamaProvider({ url: await refusedUrl(), fetch: globalThis.fetch, timeouts: { firstTokenMs: 10_000, totalMs: 20_000 } }), model: 'qwen2.5-coder:7b' },
      { provider: provider(server.baseURL), model: MODEL },
    ]);
    const result = await chatStructured({ route: chain, schema: z.object({ score: z.number() }), messages: [{ role: 'user', content: 'score it' }] });

    expect(result.value).toEqual({ score: 9 });
    expect(result.response.provider).toBe('lmstudio');
  });
});
