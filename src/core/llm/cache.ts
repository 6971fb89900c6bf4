import { LRUCache } from 'lru-cache';
import type { PromptRef } from '../prompts/prompt-file';
import type { ChatRequest, ChatResponse } from './provider';

export interface AnswerCacheOptions {
  /** Most answers kept. */
  readonly maxEntries?: number;
  /** Most bytes kept, counting answer text and keys as UTF-16. */
  readonly maxBytes?: number;
}

export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly entries: number;
  readonly bytes: number;
}

/**
 * Answers already paid for, keyed by provider, model, prompt id and version, and a hash of the input
 * (messages, schema, temperature). Bounded in entries and bytes; the least recently used go first.
 */
export class AnswerCache {
  private readonly entries: LRUCache<string, ChatResponse>;
  private hits = 0;
  private misses = 0;

  constructor(options: AnswerCacheOptions = {}) {
    this.entries = new LRUCache<string, ChatResponse>({
      max: options.maxEntries ?? 500,
      maxSize: options.maxBytes ?? 32 * 1024 * 1024,
      sizeCalculation: (answer, key) => 2 * (answer.text.length + key.length) + 256,
    });
  }

  get(key: string): ChatResponse | undefined {
    const answer = this.entries.get(key);
    if (answer) this.hits++;
    else this.misses++;
    return answer;
  }

  set(key: string, answer: ChatResponse): void {
    this.entries.set(key, answer);
  }

  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, bytes: this.entries.calculatedSize };
  }
}

/**
 * The cache key: the route (each `provider/model` it may ask), the prompt id and version, then a
 * SHA-256 of everything else that shapes the answer.
 */
export async function answerCacheKey(route: string, prompt: PromptRef, request: Omit<ChatRequest, 'model'>): Promise<string> {
  const input = JSON.stringify([request.messages.map((message) => [message.role, message.content]), request.schema ?? null, request.temperature ?? null]);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(input));
  const hash = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${route}\u0000${prompt.id}@${prompt.version}\u0000${hash}`;
}
