import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * What a scripted model server does for each chat request, in order. These are the ways real
 * servers and models behave: a clean answer, an answer streamed in pieces, a stream cut mid-way,
 * a server that never answers, an error status.
 */
const Turn = z.union([
  z.object({
    reply: z.string().describe('The whole answer, streamed in `chunks` pieces.'),
    chunks: z.number().int().positive().default(3),
    promptTokens: z.number().int().nonnegative().default(42),
    outputTokens: z.number().int().nonnegative().default(17),
    /** Ollama's `done_reason` / OpenAI's `finish_reason`. */
    finish: z.string().default('stop'),
  }),
  z.object({ cut: z.string().describe('Streamed, then the socket is destroyed before the final chunk.') }),
  z.object({
    stall: z.literal(true),
    after: z.string().optional().describe('Streamed first; then nothing more, until the client gives up or the server closes.'),
  }),
  z.object({
    runaway: z.string().describe('Streamed, then blank lines without end until the client hangs up: small models do this in JSON mode (ollama/ollama#2577).'),
  }),
  z.object({
    loop: z.string().describe('Streamed over and over until the client hangs up: a model caught in a generation loop.'),
    after: z.string().optional().describe('Streamed once first.'),
  }),
  z.object({ status: z.number().int(), error: z.string().default('scripted failure') }),
  z.object({
    streamError: z.string().describe('Sent as an error inside a 200 stream, as Ollama does when its model runner dies mid-answer.'),
    after: z.string().optional().describe('Streamed before the error.'),
  }),
]);
export type Turn = z.input<typeof Turn>;
type ParsedTurn = z.output<typeof Turn>;

const Model = z.object({
  name: z.string(),
  contextLength: z.number().int().positive().optional(),
  architecture: z.string().default('qwen2'),
});

export const LlmScriptSchema = z.object({
  models: z.array(Model).default([{ name: 'qwen2.5-coder:7b', contextLength: 32768, architecture: 'qwen2' }]),
  /** Chat (and generate / completion) turns, consumed in order; when they run out the server answers 500. */
  turns: z.array(Turn).default([]),
  embeddingDimensions: z.number().int().positive().default(4),
  version: z.string().default('0.12.0'),
});
export type LlmScript = z.input<typeof LlmScriptSchema>;

/** A script from test/fixtures/llm/<name>.json. */
export function loadScript(name: string): LlmScript {
  const file = resolve('test/fixtures/llm', `${name}.json`);
  return LlmScriptSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** The turns of a script, handed out one per chat request. */
export class TurnQueue {
  private readonly turns: ParsedTurn[];
  constructor(turns: readonly Turn[]) {
    this.turns = turns.map((turn) => Turn.parse(turn));
  }
  next(): ParsedTurn {
    return this.turns.shift() ?? { status: 500, error: 'the test script has no turn left for this request' };
  }
  get remaining(): number {
    return this.turns.length;
  }
}

export async function readJson(request: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/** Splits `text` into `count` pieces of about equal length (at least one, possibly empty). */
export function pieces(text: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / count));
  const out: string[] = [];
  for (let start = 0; start < text.length; start += size) out.push(text.slice(start, start + size));
  return out.length ? out : [''];
}

/** Writes and waits until the bytes left this process, so a following destroy cannot swallow them. */
export function writeFlushed(response: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve, reject) => response.write(data, (error) => (error ? reject(error) : resolve())));
}

/** Streams `piece` over and over until the client closes the connection. */
export async function streamUntilHangUp(response: ServerResponse, piece: string): Promise<void> {
  try {
    while (!response.destroyed) await writeFlushed(response, piece);
  } catch {
    // The client hung up mid-write: what a client that stops reading does.
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
