import { HealthCache } from './health-cache';
import { LlmError, type Attempt, type ChatProvider, type ChatRequest, type ChatResponse, type ChatRoute } from './provider';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';

export interface Candidate {
  provider: ChatProvider;
  model: string;
  /** This provider's retry policy (default: the chain's). */
  retry?: RetryPolicy;
}

export interface FallbackOptions {
  retry?: RetryPolicy;
  /** How long a provider's health (up, or down after a failure) is trusted before asking again. */
  healthTtlMs?: number;
  health?: HealthCache;
  now?: () => number;
  random?: () => number;
}

/** Every candidate failed: the message lists what was tried and how to get a local model running. */
export class NoProviderError extends LlmError {
  constructor(readonly attempts: readonly Attempt[]) {
    super('no-provider', noProviderMessage(attempts), undefined, undefined, { cause: attempts.at(-1)?.error });
    this.name = 'NoProviderError';
  }
}

/**
 * Tries each candidate (a provider and the model to ask it for) in order: a provider known to be
 * down is skipped, transient failures are retried with backoff, and anything else moves on to the
 * next. The answer records every attempt, so the user sees which provider answered.
 */
export class FallbackChain implements ChatRoute {
  readonly health: HealthCache;

  constructor(
    readonly candidates: readonly Candidate[],
    private readonly options: FallbackOptions = {},
  ) {
    this.health = options.health ?? new HealthCache(options.healthTtlMs ?? 30_000, options.now);
  }

  async chat(request: Omit<ChatRequest, 'model'>): Promise<ChatResponse> {
    const attempts: Attempt[] = [];
    let streamed = false;
    const listener = request.onText;
    const onText = listener
      ? (delta: string) => {
          streamed = true;
          listener(delta);
        }
      : undefined;
    const restart = (reason: LlmError) => {
      if (streamed) request.onRestart?.(reason);
      streamed = false;
    };
    for (const { provider, model, retry } of this.candidates) {
      const health = await untilAborted(this.health.check(provider), request.signal, provider.id);
      if (!health.ok) {
        attempts.push({ provider: provider.id, model, outcome: 'skipped', error: new LlmError('unreachable', health.reason, provider.id) });
        continue;
      }
      try {
        const answer = await withRetry(() => provider.chat({ ...request, model, ...(onText ? { onText } : {}) }), retry ?? this.options.retry ?? DEFAULT_RETRY, {
          ...(request.signal ? { signal: request.signal } : {}),
          ...(this.options.random ? { random: this.options.random } : {}),
          onRetry: restart,
        });
        this.health.markUp(provider.id);
        return { ...answer, attempts: [...attempts, { provider: provider.id, model, outcome: 'answered' }] };
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        if (error.kind === 'cancelled') throw error;
        if (error.kind === 'unreachable' || error.kind === 'timeout') this.health.markDown(provider.id, error.message);
        attempts.push({ provider: provider.id, model, outcome: 'failed', error });
        restart(error);
      }
    }
    throw new NoProviderError(attempts);
  }
}

/** `promise`, or a cancellation as soon as `signal` aborts (the probe itself runs on for other callers). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, provider: string): Promise<T> {
  const cancelled = () => new LlmError('cancelled', `${provider}: cancelled`, provider);
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function noProviderMessage(attempts: readonly Attempt[]): string {
  if (attempts.length === 0) return 'No model provider is configured: add one under "providers" in .omni/config.json.';
  const lines = attempts.map((attempt) => `  - ${attempt.provider} (${attempt.model}): ${attempt.outcome === 'skipped' ? 'skipped, down: ' : ''}${attempt.error?.message ?? 'failed'}`);
  const model = (attempts.find((attempt) => attempt.provider.startsWith('ollama')) ?? attempts[0])?.model ?? '<model>';
  return [
    'No model answered. Tried:',
    ...lines,
    `To run models on this machine: install Ollama (https://ollama.com/download), start it with \`ollama serve\`, then \`ollama pull ${model}\`.`,
    'Set OLLAMA_HOST if Ollama runs elsewhere; `omni models` shows what each provider answers.',
  ].join('\n');
}
