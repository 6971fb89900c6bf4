import { describe, expect, it } from 'vitest';
import { AnswerCache, answerCacheKey } from '../../../src/core/llm/cache';
import type { ChatRequest, ChatResponse } from '../../../src/core/llm/provider';

const PROMPT = { id: 'architect/spec', version: 1 };
const REQUEST: Omit<ChatRequest, 'model'> = { messages: [{ role: 'system', content: 'Be careful.' }, { role: 'user', content: 'Rate limiter' }], schema: { type: 'object' } };

function answer(text: string): ChatResponse {
  return { text, usage: { inputTokens: 10, outputTokens: 5 }, provider: 'ollama', model: 'qwen', firstTokenMs: 5, totalMs: 50 };
}

describe('answer cache key', () => {
  it('is the same for the same input and differs for each thing that shapes the answer', async () => {
    const base = await answerCacheKey('ollama/qwen', PROMPT, REQUEST);
    expect(await answerCacheKey('ollama/qwen', PROMPT, { ...REQUEST, onText: () => undefined })).toBe(base);
    const variants = await Promise.all([
      answerCacheKey('openai:hosted/qwen', PROMPT, REQUEST),
      answerCacheKey('ollama/llama', PROMPT, REQUEST),
      answerCacheKey('ollama/qwen, openai:hosted/gpt', PROMPT, REQUEST),
      answerCacheKey('ollama/qwen', { ...PROMPT, version: 2 }, REQUEST),
      answerCacheKey('ollama/qwen', { ...PROMPT, id: 'architect/other' }, REQUEST),
      answerCacheKey('ollama/qwen', PROMPT, { ...REQUEST, messages: [{ role: 'system', content: 'Be careful.' }, { role: 'user', content: 'Rate limiter!' }] }),
      answerCacheKey('ollama/qwen', PROMPT, { ...REQUEST, messages: [{ role: 'user', content: 'Be careful.' }, { role: 'user', content: 'Rate limiter' }] }),
      answerCacheKey('ollama/qwen', PROMPT, { ...REQUEST, schema: { type: 'array' } }),
      answerCacheKey('ollama/qwen', PROMPT, { ...REQUEST, temperature: 0.7 }),
    ]);
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
    expect(base).toMatch(/^ollama\/qwen\u0000architect\/spec@1\u0000[0-9a-f]{64}$/);
  });
});

describe('AnswerCache', () => {
  it('serves what was stored and counts hits and misses', () => {
    const cache = new AnswerCache();
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', answer('{"ok":true}'));
    expect(cache.get('k')?.text).toBe('{"ok":true}');
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new AnswerCache({ maxEntries: 2 });
    cache.set('a', answer('A'));
    cache.set('b', answer('B'));
    cache.get('a');
    cache.set('c', answer('C'));
    expect([cache.get('a')?.text, cache.get('b')?.text, cache.get('c')?.text]).toEqual(['A', undefined, 'C']);
  });

  it('keeps at most maxBytes of answers', () => {
    const cache = new AnswerCache({ maxBytes: 10_000 });
    for (let index = 0; index < 10; index++) cache.set(`k${index}`, answer('x'.repeat(1000)));
    const { entries, bytes } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(10_000);
    expect(entries).toBe(4);
    expect(cache.get('k9')).toBeDefined();
    expect(cache.get('k0')).toBeUndefined();
  });
});
