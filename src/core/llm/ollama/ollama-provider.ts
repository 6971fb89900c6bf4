import { Ollama } from 'ollama/browser';
import { LlmError, type ChatProvider, type ChatRequest, type ChatResponse, type Health, type ModelInfo } from '../provider';
import { classifyError, type CallPhase } from '../provider/classify-error';
import { chatResponse } from '../provider/chat-response';
import { fetchBoundTo, type FetchPort } from '../provider/fetch-port';
import { estimatedUsage, JsonRunawayWatch } from '../provider/json-runaway';
import { describeLoop, RepetitionWatch } from '../provider/repetition-watch';
import { estimateTokens } from '../provider/token-estimate';
import { CallDeadline, type Timeouts } from '../timeouts';
import { chooseNumCtx, contextLengthOf } from './context-window';

export interface OllamaProviderOptions {
  /** Id used in config, logs and messages (default `ollama`). */
  id?: string;
  /** Base URL, already parsed (see `parseOllamaHost`). */
  url: string;
  fetch: FetchPort;
  timeouts: Timeouts;
  /** How long Ollama keeps the model loaded after a call (`5m`, `1h`, seconds, or -1 for ever). */
  keepAlive?: string | number;
  /** Tokens reserved for the answer when a request does not say (`ChatRequest.maxOutputTokens`). */
  answerReserveTokens?: number;
  /** Limit for `health` and `listModels`, which should answer at once when the server is up. */
  probeTimeoutMs?: number;
  now?: () => number;
}

const DEFAULT_ANSWER_RESERVE = 2048;

/** Ollama through its own client: streamed chat, JSON-schema `format`, explicit `num_ctx`, embeddings. */
export class OllamaProvider implements ChatProvider {
  readonly id: string;
  readonly local = true;
  /** Context lengths by model; `show` is asked once per model per session. */
  private readonly contextLengths = new Map<string, Promise<number | undefined>>();

  constructor(private readonly options: OllamaProviderOptions) {
    this.id = options.id ?? 'ollama';
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const deadline = new CallDeadline(this.id, this.options.timeouts, request.signal, this.options.now);
    const client = this.client(deadline.signal);
    let phase: CallPhase = 'request';
    try {
      const contextLength = await this.contextLength(client, request.model);
      const numCtx = chooseNumCtx({
        provider: this.id,
        model: request.model,
        promptTokens: estimateTokens(request.messages),
        reserveTokens: request.maxOutputTokens ?? this.options.answerReserveTokens ?? DEFAULT_ANSWER_RESERVE,
        contextLength,
      });
      const stream = await client.chat({
        model: request.model,
        messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
        stream: true,
        ...(request.schema ? { format: request.schema } : {}),
        ...(this.options.keepAlive !== undefined ? { keep_alive: this.options.keepAlive } : {}),
        options: { num_ctx: numCtx, ...(request.temperature !== undefined ? { temperature: request.temperature } : {}) },
      });
      phase = 'stream';
      let text = '';
      const runaway = request.schema ? new JsonRunawayWatch() : undefined;
      const repetition = new RepetitionWatch();
      for await (const part of stream) {
        const delta = part.message?.content ?? '';
        // A reasoning model may think for a long while before answering: thinking shows it is alive.
        if (part.message?.thinking) deadline.firstToken();
        if (delta) {
          deadline.firstToken();
          text += delta;
          request.onText?.(delta);
          const loop = repetition.push(delta);
          if (loop !== undefined) {
            stream.abort();
            throw new LlmError('degenerate', `${this.id}: ${request.model} wrote ${describeLoop(loop)} over and over (a generation loop), so the answer was stopped after ${text.length} characters; try again, or another model`, this.id);
          }
          if (runaway?.push(delta)) {
            stream.abort();
            return chatResponse(this.id, request, text.trimEnd(), estimatedUsage(request.messages, text), deadline, this.options.now);
          }
        }
        if (part.done) {
          if (part.done_reason === 'length') {
            throw new LlmError('truncated', `${this.id}: ${request.model} reached its output limit (num_ctx ${numCtx}) before finishing the answer`, this.id);
          }
          return chatResponse(this.id, request, text, { inputTokens: part.prompt_eval_count ?? 0, outputTokens: part.eval_count ?? 0 }, deadline, this.options.now);
        }
      }
      throw new LlmError('truncated', `${this.id}: the answer stream ended before the model said it was done`, this.id);
    } catch (error) {
      throw deadline.reason ?? this.failure(error, phase, request.model);
    } finally {
      deadline.dispose();
    }
  }

  async health(signal?: AbortSignal): Promise<Health> {
    return this.probe(signal, async (client) => {
      const { version } = await client.version();
      return { ok: true, version } satisfies Health;
    }).catch((error: unknown) => ({ ok: false, reason: error instanceof Error ? error.message : String(error) }));
  }

  /** The names of the models Ollama has, from one `list` call: cheaper than `listModels`, which asks `show` for each. */
  async installedModels(signal?: AbortSignal): Promise<string[]> {
    return this.probe(signal, async (client) => (await client.list()).models.map((model) => model.name));
  }

  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    return this.probe(signal, async (client) => {
      const { models } = await client.list();
      return Promise.all(
        models.map(async (model) => {
          const contextLength = await this.contextLength(client, model.name).catch(() => undefined);
          return contextLength === undefined ? { name: model.name } : { name: model.name, contextLength };
        }),
      );
    });
  }

  async embed(model: string, input: readonly string[], signal?: AbortSignal): Promise<number[][]> {
    const timeouts = { firstTokenMs: this.options.timeouts.totalMs, totalMs: this.options.timeouts.totalMs };
    const deadline = new CallDeadline(this.id, timeouts, signal, this.options.now);
    try {
      const { embeddings } = await this.client(deadline.signal).embed({
        model,
        input: [...input],
        ...(this.options.keepAlive !== undefined ? { keep_alive: this.options.keepAlive } : {}),
      });
      return embeddings;
    } catch (error) {
      throw deadline.reason ?? this.failure(error, 'request', model);
    } finally {
      deadline.dispose();
    }
  }

  /** A client per call, so that call's deadline ends every request it makes (the client keeps no state). */
  private client(signal: AbortSignal): Ollama {
    return new Ollama({ host: this.options.url, fetch: fetchBoundTo(this.options.fetch, signal) });
  }

  private async contextLength(client: Ollama, model: string): Promise<number | undefined> {
    const known = this.contextLengths.get(model);
    if (known) {
      // Shared with a call that may since have been cancelled or timed out: that is not this call's failure.
      try {
        return await known;
      } catch (error) {
        if (!(error instanceof LlmError && (error.kind === 'cancelled' || error.kind === 'timeout'))) throw error;
      }
    }
    return this.askContextLength(client, model);
  }

  private askContextLength(client: Ollama, model: string): Promise<number | undefined> {
    const asked = client.show({ model }).then((shown) => contextLengthOf(shown.model_info));
    this.contextLengths.set(model, asked);
    // A failed `show` (server down, model missing) must not stick: the next call asks again.
    asked.catch(() => {
      if (this.contextLengths.get(model) === asked) this.contextLengths.delete(model);
    });
    return asked;
  }

  private async probe<T>(signal: AbortSignal | undefined, run: (client: Ollama) => Promise<T>): Promise<T> {
    const limit = this.options.probeTimeoutMs ?? 3000;
    const deadline = new CallDeadline(this.id, { firstTokenMs: limit, totalMs: limit }, signal, this.options.now);
    try {
      return await run(this.client(deadline.signal));
    } catch (error) {
      throw deadline.reason ?? this.failure(error, 'request', undefined);
    } finally {
      deadline.dispose();
    }
  }

  private failure(error: unknown, phase: CallPhase, model: string | undefined): LlmError {
    const classified = classifyError(error, this.id, this.options.url, phase);
    if (classified.kind === 'http' && classified.status === 404 && model) {
      return new LlmError('http', `${this.id}: model "${model}" is not installed; pull it with \`ollama pull ${model}\``, this.id, 404, { cause: error });
    }
    return classified;
  }
}
