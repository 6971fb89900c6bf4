import { describe, expect, it } from 'vitest';
import { HealthCache } from '../../../src/core/llm/health-cache';
import { LlmError, type ChatProvider, type Health } from '../../../src/core/llm/provider';
import { withRetry } from '../../../src/core/llm/retry';

function failing(kinds: Array<LlmError | 'ok'>): { attempt: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    attempt: () => {
      const next = kinds[calls++];
      return next === 'ok' || next === undefined ? Promise.resolve('ok') : Promise.reject(next);
    },
    calls: () => calls,
  };
}

const policy = { retries: 3, baseDelayMs: 1, maxDelayMs: 4 };

describe('retries with backoff and jitter', () => {
  it('retries connection errors, 5xx, 429 and dropped streams, then succeeds', async () => {
    const script = failing([new LlmError('unreachable', 'refused'), new LlmError('http', '503', 'p', 503), new LlmError('http', '429', 'p', 429), 'ok']);
    const retried: string[] = [];
    expect(await withRetry(script.attempt, policy, { onRetry: (error) => retried.push(error.kind + (error.status ?? '')) })).toBe('ok');
    expect(retried).toEqual(['unreachable', 'http503', 'http429']);
  });

  it('does not retry a 4xx, a timeout, a context error or a cancellation', async () => {
    for (const error of [new LlmError('http', '401', 'p', 401), new LlmError('timeout', 't'), new LlmError('context', 'c'), new LlmError('cancelled', 'x')]) {
      const script = failing([error, 'ok']);
      await expect(withRetry(script.attempt, policy)).rejects.toBe(error);
      expect(script.calls()).toBe(1);
    }
  });

  it('gives up after the configured retries with the last error', async () => {
    const last = new LlmError('truncated', 'cut 3');
    const script = failing([new LlmError('truncated', 'cut 1'), new LlmError('truncated', 'cut 2'), last]);
    await expect(withRetry(script.attempt, { ...policy, retries: 2 })).rejects.toBe(last);
    expect(script.calls()).toBe(3);
  });

  it('stops waiting at once when cancelled during the backoff', async () => {
    const controller = new AbortController();
    const script = failing([new LlmError('unreachable', 'refused'), 'ok']);
    const run = withRetry(script.attempt, { retries: 1, baseDelayMs: 600_000, maxDelayMs: 600_000 }, { signal: controller.signal, random: () => 1, onRetry: () => queueMicrotask(() => controller.abort()) });
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
    expect(script.calls()).toBe(1);
  });
});

describe('health cache', () => {
  it('asks a provider once per time-to-live, and keeps a failure as down until then', async () => {
    let now = 0;
    let asked = 0;
    const answers: Health[] = [{ ok: true, version: '1' }, { ok: true, version: '2' }];
    const provider: ChatProvider = {
      id: 'p',
      local: true,
      chat: () => Promise.reject(new Error('unused')),
      health: () => Promise.resolve(answers[asked++] ?? { ok: false, reason: 'none left' }),
      listModels: () => Promise.resolve([]),
    };
    const cache = new HealthCache(1000, () => now);

    expect(await cache.check(provider)).toEqual({ ok: true, version: '1' });
    now = 500;
    cache.markDown('p', 'timed out');
    expect(await cache.check(provider)).toEqual({ ok: false, reason: 'timed out' });
    now = 1499;
    expect(await cache.check(provider)).toMatchObject({ ok: false });
    now = 1500;
    expect(await cache.check(provider)).toEqual({ ok: true, version: '2' });
    expect(asked).toBe(2);
  });
});
