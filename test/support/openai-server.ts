import type { ServerResponse } from 'node:http';
import { LlmScriptSchema, TurnQueue, pieces, sendJson, streamUntilHangUp, writeFlushed, type LlmScript, type RecordedRequest } from './llm-script';
import { ScriptedServer } from './scripted-server';

export type { LlmScript, RecordedRequest, Turn } from './llm-script';
export { loadScript } from './llm-script';

export interface ScriptedOpenAi {
  /** `http://127.0.0.1:<port>/v1`: the provider's base URL. */
  readonly baseURL: string;
  readonly server: ScriptedServer;
  /** Bodies of the chat completion requests received, in order. */
  chatBodies(): OpenAiChatBody[];
  readonly remainingTurns: number;
  close(): Promise<void>;
}

/** The fields of a chat completion request that tests assert on. */
export interface OpenAiChatBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream?: boolean;
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
}

/**
 * An OpenAI-compatible server on loopback (what LM Studio, vLLM and llama.cpp's server speak),
 * driven by a script: `/v1/chat/completions` streams server-sent events as the script says;
 * `/v1/models` and `/v1/embeddings` answer from the script's models.
 */
export async function startOpenAiServer(script: LlmScript = {}): Promise<ScriptedOpenAi> {
  const parsed = LlmScriptSchema.parse(script);
  const turns = new TurnQueue(parsed.turns);
  const server = new ScriptedServer(async (request, response) => {
    switch (`${request.method} ${request.path}`) {
      case 'GET /v1/models':
        return sendJson(response, 200, { object: 'list', data: parsed.models.map((model) => ({ id: model.name, object: 'model', created: 0, owned_by: 'scripted', ...(model.contextLength ? { max_model_len: model.contextLength } : {}) })) });
      case 'POST /v1/embeddings': {
        const body = request.body as { model: string; input: string | string[] };
        const input = Array.isArray(body.input) ? body.input : [body.input];
        // Out of order on purpose: clients must sort by `index`.
        const data = input.map((_, row) => ({ object: 'embedding', index: row, embedding: Array.from({ length: parsed.embeddingDimensions }, (_, column) => row + column / 10) })).reverse();
        return sendJson(response, 200, { object: 'list', model: body.model, data, usage: { prompt_tokens: input.length, total_tokens: input.length } });
      }
      case 'POST /v1/chat/completions':
        return complete(response, request, turns);
      default:
        return sendJson(response, 404, { error: { message: `no route ${request.method} ${request.path}`, type: 'not_found' } });
    }
  });
  const url = await server.listen();
  return {
    baseURL: `${url}/v1`,
    server,
    chatBodies: () => server.requestsTo('/v1/chat/completions').map((request) => request.body as OpenAiChatBody),
    get remainingTurns() {
      return turns.remaining;
    },
    close: () => server.close(),
  };
}

async function complete(response: ServerResponse, request: RecordedRequest, turns: TurnQueue): Promise<void> {
  const turn = turns.next();
  const model = (request.body as OpenAiChatBody).model;
  const event = (content: string | undefined, finish: string | null, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta: content === undefined ? {} : { content }, finish_reason: finish }], ...extra })}\n\n`;
  if ('status' in turn) return sendJson(response, turn.status, { error: { message: turn.error, type: 'server_error' } });
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  if ('stall' in turn) {
    if (turn.after !== undefined) await writeFlushed(response, event(turn.after, null));
    return;
  }
  if ('streamError' in turn) {
    if (turn.after !== undefined) await writeFlushed(response, event(turn.after, null));
    response.end(`event: error\ndata: ${JSON.stringify({ error: { message: turn.streamError, type: 'server_error' } })}\n\n`);
    return;
  }
  if ('loop' in turn) {
    if (turn.after !== undefined) await writeFlushed(response, event(turn.after, null));
    await streamUntilHangUp(response, event(turn.loop, null));
    return;
  }
  if ('runaway' in turn) {
    for (const piece of pieces(turn.runaway, 3)) await writeFlushed(response, event(piece, null));
    await streamUntilHangUp(response, event('\n  \n', null));
    return;
  }
  if ('cut' in turn) {
    for (const piece of pieces(turn.cut, 2)) await writeFlushed(response, event(piece, null));
    response.socket?.destroy();
    return;
  }
  await writeFlushed(response, event(undefined, null, { choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }));
  for (const piece of pieces(turn.reply, turn.chunks)) await writeFlushed(response, event(piece, null));
  await writeFlushed(response, event(undefined, turn.finish));
  await writeFlushed(response, `data: ${JSON.stringify({ id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: 0, model, choices: [], usage: { prompt_tokens: turn.promptTokens, completion_tokens: turn.outputTokens, total_tokens: turn.promptTokens + turn.outputTokens } })}\n\n`);
  response.end('data: [DONE]\n\n');
}
