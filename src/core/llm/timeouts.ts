import { LlmError } from './provider';

export interface Timeouts {
  /** From sending the request to the first streamed token (includes loading the model). */
  firstTokenMs: number;
  /** From sending the request to the end of the answer. */
  totalMs: number;
}

/**
 * One model call's deadline. Its signal aborts the HTTP request at once when the caller cancels,
 * when no token arrives in time, or when the whole answer takes too long, and it remembers which
 * of those happened so the error says so instead of a bare "aborted".
 */
export class CallDeadline {
  readonly signal: AbortSignal;
  readonly startedAt: number;
  private readonly controller = new AbortController();
  private firstTokenTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly totalTimer: ReturnType<typeof setTimeout>;
  private readonly onOuterAbort: () => void;
  private firstTokenAt: number | undefined;

  constructor(
    provider: string,
    timeouts: Timeouts,
    private readonly outer: AbortSignal | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.signal = this.controller.signal;
    this.startedAt = now();
    this.onOuterAbort = () => this.abort(new LlmError('cancelled', `${provider}: cancelled`, provider));
    if (outer?.aborted) this.onOuterAbort();
    outer?.addEventListener('abort', this.onOuterAbort, { once: true });
    this.firstTokenTimer = setTimeout(
      () => this.abort(new LlmError('timeout', `${provider}: no answer within ${seconds(timeouts.firstTokenMs)} (first-token timeout)`, provider)),
      timeouts.firstTokenMs,
    );
    this.totalTimer = setTimeout(
      () => this.abort(new LlmError('timeout', `${provider}: the answer took longer than ${seconds(timeouts.totalMs)} (answer timeout)`, provider)),
      timeouts.totalMs,
    );
  }

  /** The first token arrived: from here on only the whole-answer timeout applies. */
  firstToken(): void {
    if (this.firstTokenAt !== undefined) return;
    this.firstTokenAt = this.now();
    clearTimeout(this.firstTokenTimer);
    this.firstTokenTimer = undefined;
  }

  get firstTokenMs(): number {
    return (this.firstTokenAt ?? this.now()) - this.startedAt;
  }

  /** Why the call was aborted, if it was: a timeout or a cancellation, never the client's wording. */
  get reason(): LlmError | undefined {
    const reason: unknown = this.signal.reason;
    return this.signal.aborted && reason instanceof LlmError ? reason : undefined;
  }

  dispose(): void {
    clearTimeout(this.firstTokenTimer);
    clearTimeout(this.totalTimer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }

  private abort(reason: LlmError): void {
    if (!this.signal.aborted) this.controller.abort(reason);
    this.dispose();
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
