import OpenAI from 'openai';
import { LlmError, type ChatProvider, type ChatRequest, type ChatResponse, type Health, type ModelInfo } from '../provider';
import { classifyError, type CallPhase } from '../provider/classify-error';
import { chatResponse } from '../provider/chat-response';
import type { FetchPort } from '../provider/fetch-port';
import { estimatedUsage, JsonRunawayWatch } from '../provider/json-runaway';
import { describeLoop, RepetitionWatch } from '../provider/repetition-watch';
import { CallDeadline, type Timeouts } from '../timeouts';
import type { StructuredOutputMode } from './structured-output-mode';

export interface OpenAiProviderOptions {
  id: string;
  /** e.g. `http://127.0.0.1:1234/v1` (LM Studio), `http://127.0.0.1:8000/v1` (vLLM). */
  baseURL: string;
  /** From SecretStorage in the editor or an environment variable in the CLI; never from settings. */
  apiKey?: string;
  fetch: FetchPort;
  timeouts: Timeouts;
  structuredOutput?: StructuredOutputMode;
  /** Whether prompts stay on this machine; by default, whether `baseURL` is a loopback address. */
  local?: boolean;
  probeTimeoutMs?: number;
  now?: () => number;
}

const WEAKER_MODE: Readonly<Record<StructuredOutputMode, StructuredOutputMode | undefined>> = { json_schema: 'json_object', json_object: 'none', none: undefined };

/** A 400 or 422 whose message is about the answer format, not the prompt or the model. */
function refusesResponseFormat(error: unknown): boolean {
  return error instanceof OpenAI.APIError && (error.status === 400 || error.status === 422) && /response_format|json_schema|json_object|structured output/i.test(error.message);
}

/** Any OpenAI-compatible chat completions endpoint, through the `openai` client, streamed over SSE. */
export class OpenAiProvider implements ChatProvider {
  readonly id: string;
  readonly local: boolean;
  private readonly client: OpenAI;
  /** Starts as configured; lowered when the server refuses it, and remembered for later calls. */
  private structuredOutput: StructuredOutputMode;

  constructor(private readonly options: OpenAiProviderOptions) {
    this.id = options.id;
    this.structuredOutput = options.structuredOutput ?? 'json_schema';
    this.local = options.local ?? isLoopback(options.baseURL);
    this.client = new OpenAI({
      baseURL: options.baseURL,
      // Local servers need no key, but the client refuses to start without one; no key is sent as a placeholder.
      apiKey: options.apiKey ?? 'no-key',
      organization: null,
      project: null,
      fetch: options.fetch,
      // Retries and timeouts are the chain's and the deadline's: the client's own would double them.
      maxRetries: 0,
      timeout: options.timeouts.totalMs + 1000,
    });
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const deadline = new CallDeadline(this.id, this.options.timeouts, request.signal, this.options.now);
    let phase: CallPhase = 'request';
    try {
      const stream = await this.openStream(request, deadline.signal);
      phase = 'stream';
      let text = '';
      let finish: string | undefined;
      let usage = { inputTokens: 0, outputTokens: 0 };
      const runaway = request.schema ? new JsonRunawayWatch() : undefined;
      const repetition = new RepetitionWatch();
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const delta = choice?.delta?.content ?? '';
        if (delta) {
          deadline.firstToken();
          text += delta;
          request.onText?.(delta);
          const loop = repetition.push(delta);
          if (loop !== undefined) {
            stream.controller.abort();
            throw new LlmError('degenerate', `${this.id}: ${request.model} wrote ${describeLoop(loop)} over and over (a generation loop), so the answer was stopped after ${text.length} characters; try again, or another model`, this.id);
          }
          if (runaway?.push(delta)) {
            stream.controller.abort();
            return chatResponse(this.id, request, text.trimEnd(), estimatedUsage(request.messages, text), deadline, this.options.now);
          }
        }
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
      }
      if (deadline.reason) throw deadline.reason;
      if (finish === undefined) throw new LlmError('truncated', `${this.id}: the answer stream ended before the server said it was done`, this.id);
      if (finish === 'length') throw new LlmError('truncated', `${this.id}: ${request.model} reached its output limit before finishing the answer`, this.id);
      return chatResponse(this.id, request, text, usage, deadline, this.options.now);
    } catch (error) {
      throw deadline.reason ?? this.failure(error, phase);
    } finally {
      deadline.dispose();
    }
  }

  /**
   * Up when the model list answers. Some compatible servers have no `/models` route: a 404 or 405
   * still proves the server is there, and the chat call will say if it is not usable.
   */
  async health(signal?: AbortSignal): Promise<Health> {
    return this.probe(signal, async (probeSignal) => {
      await this.client.models.list({ signal: probeSignal });
      return { ok: true } satisfies Health;
    }).catch((error: unknown): Health => {
      if (error instanceof LlmError && error.kind === 'http' && (error.status === 404 || error.status === 405)) return { ok: true };
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    });
  }

  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    return this.probe(signal, async (probeSignal) => {
      const models: ModelInfo[] = [];
      for await (const model of this.client.models.list({ signal: probeSignal })) {
        const contextLength = contextLengthOf(model);
        models.push(contextLength === undefined ? { name: model.id } : { name: model.id, contextLength });
      }
      return models;
    });
  }

  async embed(model: string, input: readonly string[], signal?: AbortSignal): Promise<number[][]> {
    const limit = this.options.timeouts.totalMs;
    const deadline = new CallDeadline(this.id, { firstTokenMs: limit, totalMs: limit }, signal, this.options.now);
    try {
      const result = await this.client.embeddings.create({ model, input: [...input], encoding_format: 'float' }, { signal: deadline.signal });
      return [...result.data].sort((a, b) => a.index - b.index).map((row) => row.embedding);
    } catch (error) {
      throw deadline.reason ?? this.failure(error, 'request');
    } finally {
      deadline.dispose();
    }
  }

  /**
   * Starts the streamed completion. A server that refuses the answer format (older llama.cpp and
   * LM Studio builds, some proxies: a 400 that names `response_format`) is asked again with the
   * next weaker one, json_schema, then json_object, then none; the schema stays in the prompt and
   * the answer is validated here either way.
   */
  private async openStream(request: ChatRequest, signal: AbortSignal) {
    for (;;) {
      try {
        return await this.client.chat.completions.create(
          {
            model: request.model,
            messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
            stream: true,
            stream_options: { include_usage: true },
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
            ...this.responseFormat(request.schema),
          },
          { signal },
        );
      } catch (error) {
        const weaker = WEAKER_MODE[this.structuredOutput];
        if (!request.schema || weaker === undefined || !refusesResponseFormat(error)) throw error;
        this.structuredOutput = weaker;
      }
    }
  }

  private responseFormat(schema: Record<string, unknown> | undefined): Pick<OpenAI.ChatCompletionCreateParamsStreaming, 'response_format'> {
    if (!schema) return {};
    switch (this.structuredOutput) {
      case 'json_schema':
        // Not strict: OpenAI's strict mode accepts only a subset of JSON schema; validation happens on our side anyway.
        return { response_format: { type: 'json_schema', json_schema: { name: 'answer', schema, strict: false } } };
      case 'json_object':
        return { response_format: { type: 'json_object' } };
      case 'none':
        return {};
    }
  }

  private failure(error: unknown, phase: CallPhase): LlmError {
    const classified = classifyError(error, this.id, this.options.baseURL, phase);
    if (classified.kind !== 'http' || (classified.status !== 401 && classified.status !== 403)) return classified;
    return new LlmError('http', classified.message + keyHint(this.id, this.options.apiKey !== undefined), this.id, classified.status, { cause: error });
  }

  private async probe<T>(signal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const limit = this.options.probeTimeoutMs ?? 3000;
    const deadline = new CallDeadline(this.id, { firstTokenMs: limit, totalMs: limit }, signal, this.options.now);
    try {
      return await run(deadline.signal);
    } catch (error) {
      throw deadline.reason ?? this.failure(error, 'request');
    } finally {
      deadline.dispose();
    }
  }
}

/** A refused key says where keys come from, since they never come from settings. */
function keyHint(provider: string, hasKey: boolean): string {
  return hasKey
    ? `; check the API key (VS Code: "Omni: Set API Key"; CLI: the variable named by providers.${provider}.apiKeyEnv)`
    : `; no API key is set: run "Omni: Set API Key" in VS Code, or name an environment variable in providers.${provider}.apiKeyEnv for the CLI`;
}

/** vLLM reports `max_model_len`, some servers `context_length`; OpenAI itself says nothing. */
function contextLengthOf(model: object): number | undefined {
  for (const key of ['max_model_len', 'context_length']) {
    const value: unknown = key in model ? (model as Record<string, unknown>)[key] : undefined;
    if (typeof value === 'number' && value > 0) return value;
  }
  return undefined;
}

function isLoopback(baseURL: string): boolean {
  try {
    const host = new URL(baseURL).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || host.startsWith('127.');
  } catch {
    return false;
  }
}
