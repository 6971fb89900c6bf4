import { LlmError } from './provider';

export interface RetryPolicy {
  /** Further tries after the first one. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 250, maxDelayMs: 4000 };

/**
 * Connection errors, 5xx, 429 and dropped streams are tried again. Timeouts are not: a provider
 * that stalled once will likely stall again, and the next provider in the chain answers sooner
 * than another full wait.
 */
export function worthRetrying(error: LlmError): boolean {
  return error.retryable && error.kind !== 'timeout';
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the retries run out, waiting between tries
 * with exponential backoff and full jitter (so many clients hitting one busy server spread out).
 * The wait ends at once when `signal` aborts.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  options: { signal?: AbortSignal; random?: () => number; onRetry?: (error: LlmError) => void } = {},
): Promise<T> {
  for (let tried = 0; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof LlmError) || !worthRetrying(error) || tried >= policy.retries) throw error;
      if (options.signal?.aborted) throw cancelled(error);
      options.onRetry?.(error);
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** tried);
      await pause(Math.round((options.random ?? Math.random)() * ceiling), options.signal, error);
    }
  }
}

function pause(ms: number, signal: AbortSignal | undefined, last: LlmError): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled(last));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelled(last: LlmError): LlmError {
  return new LlmError('cancelled', `${last.provider ?? 'model call'}: cancelled while waiting to retry`, last.provider);
}
