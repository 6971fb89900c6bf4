import type { ServerResponse } from 'node:http';
import { LlmScriptSchema, TurnQueue, pieces, sendJson, streamUntilHangUp, writeFlushed, type LlmScript, type RecordedRequest } from './llm-script';
import { ScriptedServer } from './scripted-server';

export type { LlmScript, RecordedRequest, Turn } from './llm-script';
export { loadScript } from './llm-script';
export { refusedUrl } from './scripted-server';

export interface ScriptedOllama {
  /** `http://127.0.0.1:<port>`: pass as the provider URL or as OLLAMA_HOST. */
  readonly url: string;
  readonly server: ScriptedServer;
  /** Bodies of the chat and generate requests received, in order. */
  chatBodies(): ChatBody[];
  /** Turns not yet consumed: a test that expected a retry checks it used them all. */
  readonly remainingTurns: number;
  close(): Promise<void>;
}

/** The fields of an Ollama chat request that tests assert on. */
export interface ChatBody {
  model: string;
  messages?: Array<{ role: string; content: string }>;
  format?: unknown;
  keep_alive?: string | number;
  options?: { num_ctx?: number; temperature?: number };
  stream?: boolean;
}

/**
 * An Ollama-compatible server on loopback, driven by a script: `/api/chat` and `/api/generate`
 * stream NDJSON as the script says; `/api/tags`, `/api/show`, `/api/version` and `/api/embed`
 * answer from the script's models.
 */
export async function startOllamaServer(script: LlmScript = {}): Promise<ScriptedOllama> {
  const parsed = LlmScriptSchema.parse(script);
  const turns = new TurnQueue(parsed.turns);
  const server = new ScriptedServer(async (request, response) => {
    const body = isRecord(request.body) ? request.body : {};
    const model = typeof body.model === 'string' ? body.model : '';
    switch (`${request.method} ${request.path}`) {
      case 'GET /api/version':
        return sendJson(response, 200, { version: parsed.version });
      case 'GET /api/tags':
        return sendJson(response, 200, {
          models: parsed.models.map((entry) => ({ name: entry.name, model: entry.name, modified_at: '2026-01-01T00:00:00Z', size: 1, digest: 'sha256:0', details: { family: entry.architecture } })),
        });
      case 'POST /api/show': {
        const entry = parsed.models.find((candidate) => candidate.name === model);
        if (!entry) return sendJson(response, 404, { error: `model '${model}' not found` });
        const info: Record<string, unknown> = { 'general.architecture': entry.architecture };
        if (entry.contextLength !== undefined) info[`${entry.architecture}.context_length`] = entry.contextLength;
        return sendJson(response, 200, { modelfile: '', parameters: '', template: '', details: { family: entry.architecture }, model_info: info, capabilities: ['completion'] });
      }
      case 'POST /api/embed': {
        const input = Array.isArray(body.input) ? body.input : [body.input];
        return sendJson(response, 200, { model, embeddings: input.map((_, row) => Array.from({ length: parsed.embeddingDimensions }, (_, column) => row + column / 10)) });
      }
      case 'POST /api/chat':
      case 'POST /api/generate':
        return answer(response, request, turns, request.path === '/api/chat');
      default:
        return sendJson(response, 404, { error: `no route ${request.method} ${request.path}` });
    }
  });
  const url = await server.listen();
  return {
    url,
    server,
    chatBodies: () => server.requests.filter((request) => request.path === '/api/chat' || request.path === '/api/generate').map((request) => request.body as ChatBody),
    get remainingTurns() {
      return turns.remaining;
    },
    close: () => server.close(),
  };
}

async function answer(response: ServerResponse, request: RecordedRequest, turns: TurnQueue, chat: boolean): Promise<void> {
  const turn = turns.next();
  const model = isRecord(request.body) && typeof request.body.model === 'string' ? request.body.model : '';
  const line = (text: string, done: boolean, extra: Record<string, unknown> = {}) =>
    `${JSON.stringify({ model, created_at: new Date(0).toISOString(), ...(chat ? { message: { role: 'assistant', content: text } } : { response: text }), done, ...extra })}\n`;
  if ('status' in turn) return sendJson(response, turn.status, { error: turn.error });
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  if ('stall' in turn) {
    if (turn.after !== undefined) await writeFlushed(response, line(turn.after, false));
    return; // never answers: the client's timeout or abort, or the server's close, ends it
  }
  if ('streamError' in turn) {
    if (turn.after !== undefined) await writeFlushed(response, line(turn.after, false));
    response.end(`${JSON.stringify({ error: turn.streamError })}\n`);
    return;
  }
  if ('loop' in turn) {
    if (turn.after !== undefined) await writeFlushed(response, line(turn.after, false));
    await streamUntilHangUp(response, line(turn.loop, false));
    return;
  }
  if ('runaway' in turn) {
    for (const piece of pieces(turn.runaway, 3)) await writeFlushed(response, line(piece, false));
    await streamUntilHangUp(response, line('\n  \n', false));
    return;
  }
  if ('cut' in turn) {
    for (const piece of pieces(turn.cut, 2)) await writeFlushed(response, line(piece, false));
    response.socket?.destroy();
    return;
  }
  for (const piece of pieces(turn.reply, turn.chunks)) await writeFlushed(response, line(piece, false));
  response.end(line('', true, { done_reason: turn.finish, prompt_eval_count: turn.promptTokens, eval_count: turn.outputTokens, total_duration: 1 }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
