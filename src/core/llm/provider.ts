/**
 * The contract every model provider meets (Ollama, OpenAI-compatible endpoints, VS Code's models).
 * Agents never see a provider's own client: they call through this interface, so fallback,
 * structured output, caching and accounting wrap any provider the same way.
 */

export const ROLES = ['architect', 'reviewer', 'threatModeler', 'developer', 'tester', 'optimizer', 'embed'] as const;
export type Role = (typeof ROLES)[number];

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: readonly ChatMessage[];
  /** JSON schema of the expected answer: Ollama's `format`, OpenAI's `response_format`. */
  schema?: Record<string, unknown>;
  temperature?: number;
  /** Aborting stops the request at once and rejects with an `LlmError` of kind `cancelled`. */
  signal?: AbortSignal;
  /** Streamed text as it arrives; the resolved `ChatResponse.text` is the whole answer. */
  onText?: (delta: string) => void;
  /**
   * The text streamed so far is void: the answer starts over (a retry, or the next provider).
   * Without it a caller showing `onText` live would show a dropped stream followed by its retry.
   */
  onRestart?: (reason: LlmError) => void;
  /** Tokens kept free for the answer when sizing the context window (Ollama's `num_ctx`). */
  maxOutputTokens?: number;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatResponse {
  /** The complete answer. A stream that ended early never resolves: it rejects as `truncated`. */
  text: string;
  usage: TokenUsage;
  provider: string;
  model: string;
  /** Milliseconds to the first streamed token and to the end of the answer. */
  firstTokenMs: number;
  totalMs: number;
  /** Set by the fallback chain: every provider tried before (and including) the one that answered. */
  attempts?: readonly Attempt[];
}

/** One provider's turn in a fallback chain, so the user sees what was tried and which answered. */
export interface Attempt {
  provider: string;
  model: string;
  outcome: 'answered' | 'failed' | 'skipped';
  /** Why it failed or was skipped. */
  error?: LlmError;
}

/**
 * Something that answers a chat without the caller naming a model: a provider bound to a model,
 * or a fallback chain whose candidates each carry their own model.
 */
export interface ChatRoute {
  chat(request: Omit<ChatRequest, 'model'>): Promise<ChatResponse>;
}

export interface ModelInfo {
  name: string;
  /** Context window in tokens, when the provider says. */
  contextLength?: number;
}

export type Health = { ok: true; version?: string } | { ok: false; reason: string };

export interface ChatProvider {
  /** Stable id used in config, logs and cache keys: `ollama`, `openai:<name>`, `vscode-lm`. */
  readonly id: string;
  /** Whether prompts stay on this machine; non-local providers get secrets redacted first. */
  readonly local: boolean;
  chat(request: ChatRequest): Promise<ChatResponse>;
  health(signal?: AbortSignal): Promise<Health>;
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  embed?(model: string, input: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}

export const LLM_ERROR_KINDS = [
  'unreachable', // connection refused, DNS, reset before any answer
  'timeout', // first token or whole answer took too long
  'cancelled', // the user or the caller aborted
  'http', // the provider answered with an error status
  'truncated', // the stream ended before the provider said it was done
  'degenerate', // the model wrote the same thing over and over; stopped before the timeout
  'context', // the prompt does not fit the model's context
  'invalid-output', // the answer failed its schema after the repair rounds
  'budget', // the run's token or cost budget would be exceeded
  'no-provider', // every provider in the chain failed
] as const;
export type LlmErrorKind = (typeof LLM_ERROR_KINDS)[number];

export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly provider?: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmError';
  }

  /** Connection failures, timeouts, 5xx and dropped streams are worth another try; the rest are not. */
  get retryable(): boolean {
    return (
      this.kind === 'unreachable' ||
      this.kind === 'timeout' ||
      this.kind === 'truncated' ||
      (this.kind === 'http' && this.status !== undefined && (this.status >= 500 || this.status === 429))
    );
  }
}
