import { LlmError } from './provider';
import type { CallFacts, SpanError, SpanEvent, SpanKind } from './spans-schema';

/** The port a host implements to append one event to the run's events.jsonl. */
export interface EventSink {
  append(event: SpanEvent): Promise<void>;
}

export interface TracerOptions {
  /** Milliseconds since the epoch; injected so that durations are exact in tests. */
  readonly now?: () => number;
  /** Called when an event cannot be written: a full disk must not fail the model call it describes. */
  readonly onWriteError?: (error: unknown) => void;
}

export interface SpanEnd {
  readonly error?: unknown;
  readonly call?: CallFacts;
}

/** One span of run -> agent turn -> model call; `end` is idempotent. */
export class Span {
  private ended = false;
  private children = 0;

  constructor(
    private readonly tracer: Tracer,
    readonly id: string,
    readonly kind: SpanKind,
    private readonly startedAt: number,
  ) {}

  child(kind: SpanKind, name: string): Span {
    this.children++;
    return this.tracer.open(`${this.id}.${this.children}`, kind, name, this.id);
  }

  end(outcome: SpanEnd = {}): void {
    if (this.ended) return;
    this.ended = true;
    const at = this.tracer.now();
    this.tracer.write({
      type: 'span-end',
      span: this.id,
      at: new Date(at).toISOString(),
      durationMs: Math.max(0, at - this.startedAt),
      status: outcome.error === undefined ? 'ok' : 'error',
      ...(outcome.error !== undefined ? { error: spanError(outcome.error) } : {}),
      ...(outcome.call ? { call: outcome.call } : {}),
    });
  }
}

function spanError(error: unknown): SpanError {
  if (error instanceof LlmError) return { kind: error.kind, message: error.message };
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

/** Writes spans to one events.jsonl, in order, one line per start and end. */
export class Tracer {
  readonly now: () => number;
  private readonly onWriteError: (error: unknown) => void;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: EventSink,
    options: TracerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.onWriteError = options.onWriteError ?? (() => undefined);
  }

  /** A run's root span; `runId` names it in the log (a uuid, or the spec's task id). */
  startRun(runId: string, name: string): Span {
    return this.open(runId, 'run', name, undefined);
  }

  open(id: string, kind: SpanKind, name: string, parent: string | undefined): Span {
    const at = this.now();
    this.write({ type: 'span-start', span: id, ...(parent ? { parent } : {}), kind, name, at: new Date(at).toISOString() });
    return new Span(this, id, kind, at);
  }

  write(event: SpanEvent): void {
    this.pending = this.pending.then(() => this.sink.append(event)).catch(this.onWriteError);
  }

  /** Resolves once every event so far is written. */
  flush(): Promise<void> {
    return this.pending;
  }
}
