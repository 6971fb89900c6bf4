import { z } from 'zod';
import { LLM_ERROR_KINDS } from './provider';
import { jsonLines } from '../store/json-lines';

// The span lines of a run's events.jsonl. A span is written twice, when it starts and when it ends,
// so a run that crashed still shows what it was doing.

export const SPAN_KINDS = ['run', 'turn', 'call'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

const spanId = z.string().min(1);
const timestamp = z.iso.datetime();

export const SpanStartEvent = z
  .object({
    type: z.literal('span-start'),
    span: spanId,
    parent: spanId.optional(),
    kind: z.enum(SPAN_KINDS),
    /** `spec "rate limiter"`, `architect`, `ollama/qwen2.5-coder:7b`. */
    name: z.string().min(1),
    at: timestamp,
  })
  .strict();
export type SpanStartEvent = z.infer<typeof SpanStartEvent>;

/** What a model call adds to its end line. */
export const CallFacts = z
  .object({
    provider: z.string().min(1),
    model: z.string().min(1),
    prompt: z.object({ id: z.string().min(1), version: z.number().int().positive() }).strict(),
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    firstTokenMs: z.number().nonnegative().optional(),
    /** Null when the price table has no price for this non-local model. */
    costUsd: z.number().nonnegative().nullable(),
    cacheHit: z.boolean(),
    redactions: z.number().int().nonnegative(),
    redactedKinds: z.record(z.string(), z.number().int().positive()).optional(),
    /** Providers of the fallback chain that failed or were skipped before this one answered. */
    fellBackFrom: z.array(z.object({ provider: z.string().min(1), model: z.string().min(1), reason: z.string().min(1) }).strict()).optional(),
  })
  .strict();
export type CallFacts = z.infer<typeof CallFacts>;

export const SpanError = z.object({ kind: z.union([z.enum(LLM_ERROR_KINDS), z.literal('error')]), message: z.string() }).strict();
export type SpanError = z.infer<typeof SpanError>;

export const SpanEndEvent = z
  .object({
    type: z.literal('span-end'),
    span: spanId,
    at: timestamp,
    durationMs: z.number().nonnegative(),
    status: z.enum(['ok', 'error']),
    error: SpanError.optional(),
    call: CallFacts.optional(),
  })
  .strict();
export type SpanEndEvent = z.infer<typeof SpanEndEvent>;

export const SpanEvent = z.discriminatedUnion('type', [SpanStartEvent, SpanEndEvent]);
export type SpanEvent = z.infer<typeof SpanEvent>;

export interface LogProblem {
  /** One-based line of events.jsonl. */
  readonly line: number;
  readonly message: string;
}

/**
 * Reads the span lines of an events.jsonl. Other events (handoffs, approvals) share the file and are
 * passed over; a line that is not JSON, or a span line that fails its schema, becomes a problem
 * with its line number and is skipped, so one bad line never hides the rest of the run.
 */
export function parseSpanLog(text: string): { events: SpanEvent[]; problems: LogProblem[] } {
  const events: SpanEvent[] = [];
  const problems: LogProblem[] = [];
  for (const entry of jsonLines(text)) {
    if (!entry.json) {
      problems.push({ line: entry.line, message: 'not a JSON line' });
      continue;
    }
    const { value } = entry;
    const type = typeof value === 'object' && value !== null && 'type' in value ? value.type : undefined;
    if (typeof type !== 'string') {
      problems.push({ line: entry.line, message: 'not an event: expected an object with a "type"' });
      continue;
    }
    if (!type.startsWith('span-')) continue;
    const parsed = SpanEvent.safeParse(value);
    if (parsed.success) events.push(parsed.data);
    else problems.push({ line: entry.line, message: `invalid ${type} event: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || type}: ${issue.message}`).join('; ')}` });
  }
  return { events, problems };
}
