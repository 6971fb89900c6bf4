import { afterEach, describe, expect, it } from 'vitest';
import { FallbackChain, NoProviderError } from '../../../src/core/llm/fallback';
import { OllamaProvider } from '../../../src/core/llm/ollama/ollama-provider';
import { LlmError } from '../../../src/core/llm/provider';
import { refusedUrl, startOllamaServer, type ScriptedOllama, type Turn } from '../../support/ollama-server';

const MODEL = 'qwen2.5-coder:7b';
const servers: ScriptedOllama[] = [];
const noWait = { retries: 2, baseDelayMs: 1, maxDelayMs: 2 };
const ask = { messages: [{ role: 'user' as const, content: 'go' }] };

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function scripted(turns: Turn[]): Promise<ScriptedOllama> {
  const server = await startOllamaServer({ turns });
  servers.push(server);
  return server;
}

/** Timeouts generous enough for a loaded machine; the stalling provider gets a short first-token timeout. */
function ollama(id: string, url: string, firstTokenMs = 10_000): OllamaProvider {
  return new OllamaProvider({ id, url, fetch: globalThis.fetch, timeouts: { firstTokenMs, totalMs: 20_000 }, probeTimeoutMs: 10_000 });
}

describe('fallback chain with retries and health checks', () => {
  it('uses the next provider when the first refuses connections, and says which answered', async () => {
    const backup = await scripted([{ reply: 'from backup' }]);
    const chain = new FallbackChain([{ provider: ollama('ollama', await refusedUrl()), model: MODEL }, { provider: ollama('backup', backup.url), model: MODEL }], { retry: noWait });
    const answer = await chain.chat(ask);

    expect(answer).toMatchObject({ text: 'from backup', provider: 'backup', model: MODEL });
    expect(answer.attempts?.map((attempt) => [attempt.provider, attempt.outcome, attempt.error?.kind])).toEqual([
      ['ollama', 'skipped', 'unreachable'],
      ['backup', 'answered', undefined],
    ]);
  });

  it('moves on when a provider never answers (first-token timeout), and skips it while its health is fresh', async () => {
    const stalled = await scripted([{ stall: true }]);
    const backup = await scripted([{ reply: 'one' }, { reply: 'two' }]);
    const chain = new FallbackChain([{ provider: ollama('slow', stalled.url, 200), model: MODEL }, { provider: ollama('backup', backup.url), model: MODEL }], { retry: noWait });

    const first = await chain.chat(ask);
    expect(first.provider).toBe('backup');
    expect(first.attempts?.[0]).toMatchObject({ provider: 'slow', outcome: 'failed', error: { kind: 'timeout' } });
    const second = await chain.chat(ask);
    expect(second.attempts?.[0]).toMatchObject({ provider: 'slow', outcome: 'skipped' });
    expect(stalled.chatBodies()).toHaveLength(1);
  });

  it('retries a 500 and then answers from the same provider', async () => {
    const flaky = await scripted([{ status: 500, error: 'model runner crashed' }, { reply: 'ok' }]);
    const answer = await new FallbackChain([{ provider: ollama('ollama', flaky.url), model: MODEL }], { retry: noWait }).chat(ask);

    expect(answer).toMatchObject({ text: 'ok', provider: 'ollama' });
    expect(flaky.chatBodies()).toHaveLength(2);
  });

  it('retries a dropped stream and tells the listener the partial text is void', async () => {
    const cut = await scripted([{ cut: 'partial answ' }, { reply: 'whole answer' }]);
    let shown = '';
    const restarts: LlmError[] = [];
    const answer = await new FallbackChain([{ provider: ollama('ollama', cut.url), model: MODEL }], { retry: noWait }).chat({
      ...ask,
      onText: (delta) => (shown += delta),
      onRestart: (reason) => {
        restarts.push(reason);
        shown = '';
      },
    });

    expect(answer.text).toBe('whole answer');
    expect(shown).toBe('whole answer');
    expect(restarts.map((reason) => reason.kind)).toEqual(['truncated']);
  });

  it('never takes a stream that keeps dropping for an answer', async () => {
    const cut = await scripted([{ cut: 'a' }, { cut: 'b' }, { cut: 'c' }]);
    const error = await new FallbackChain([{ provider: ollama('ollama', cut.url), model: MODEL }], { retry: noWait }).chat(ask).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(NoProviderError);
    expect((error as NoProviderError).attempts[0]?.error?.kind).toBe('truncated');
    expect(cut.remainingTurns).toBe(0);
  });

  it('gives one message listing what was tried and how to start Ollama when nothing answers', async () => {
    const chain = new FallbackChain(
      [
        { provider: ollama('ollama', await refusedUrl()), model: 'qwen2.5-coder:7b' },
        { provider: ollama('lan', await refusedUrl()), model: 'llama3.2' },
      ],
      { retry: noWait },
    );
    const error = await chain.chat(ask).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(NoProviderError);
    const message = (error as NoProviderError).message;
    expect(message).toMatch(/^No model answered\. Tried:\n {2}- ollama \(qwen2\.5-coder:7b\): skipped, down: .*connection refused/);
    expect(message).toMatch(/\n {2}- lan \(llama3\.2\): /);
    expect(message).toContain('`ollama serve`');
    expect(message).toContain('`ollama pull qwen2.5-coder:7b`');
  });

  it('stops at once on cancellation mid-stream instead of trying the next provider', async () => {
    const stalled = await scripted([{ stall: true, after: 'thinking' }]);
    const backup = await scripted([{ reply: 'unused' }]);
    const controller = new AbortController();
    const call = new FallbackChain([{ provider: ollama('ollama', stalled.url), model: MODEL }, { provider: ollama('backup', backup.url), model: MODEL }], { retry: noWait }).chat({
      ...ask,
      signal: controller.signal,
      onText: () => controller.abort(),
    });
    const error = await call.catch((reason: unknown) => reason);

    expect(error).toMatchObject({ kind: 'cancelled' });
    await stalled.server.clientDisconnected();
    expect(backup.chatBodies()).toHaveLength(0);
  });
});
