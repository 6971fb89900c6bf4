import { z } from 'zod';
import { LlmError, type ChatMessage, type ChatResponse, type ChatRoute } from '../provider';
import { conform, isPlainObject } from './conform';
import { jsonCandidates } from './extract-json';

export interface StructuredRequest<T> {
  route: ChatRoute;
  /** The output's zod schema: its JSON schema goes to the model, and the answer is validated with it. */
  schema: z.ZodType<T>;
  messages: readonly ChatMessage[];
  /** Times an invalid answer is sent back with its validation errors (default 2; 0 turns repair off). */
  repairRounds?: number;
  temperature?: number;
  maxOutputTokens?: number;
  signal?: AbortSignal;
  onText?: (delta: string) => void;
  onRestart?: (reason: LlmError) => void;
  /** Every answer that failed validation, as the model wrote it, for the run's log. */
  onInvalid?: (invalid: InvalidAnswer) => void;
}

export interface InvalidAnswer {
  raw: string;
  problems: readonly string[];
  /** 0 for the first answer, then 1, 2... for each repair round. */
  round: number;
  provider: string;
  model: string;
}

export interface StructuredResult<T> {
  value: T;
  /** The answer that validated (its `provider` says who answered). */
  response: ChatResponse;
  /** Repair rounds it took (0 when the first answer was valid). */
  repairs: number;
}

/** The answer still failed its schema after the last repair round; every raw answer is kept. */
export class InvalidOutputError extends LlmError {
  constructor(
    readonly answers: readonly InvalidAnswer[],
    provider: string | undefined,
  ) {
    const last = answers.at(-1);
    super(
      'invalid-output',
      `the model's answer did not match the expected format after ${answers.length} ${answers.length === 1 ? 'try' : 'tries'}: ${last?.problems.join('; ') ?? 'no answer'}`,
      provider,
    );
    this.name = 'InvalidOutputError';
  }
}

/**
 * Asks for an answer in the shape of `schema` and returns it validated. The JSON schema is
 * generated from the zod schema (never written twice), sent as the provider's structured-output
 * format and restated in the prompt, since not every server enforces it. JSON is found even when
 * wrapped in code fences or prose; an invalid answer goes back with its errors for a bounded
 * number of repair rounds.
 */
export async function chatStructured<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
  const jsonSchema = jsonSchemaOf(request.schema);
  const rounds = request.repairRounds ?? 2;
  const invalid: InvalidAnswer[] = [];
  let messages = withSchemaInstruction(request.messages, jsonSchema);
  for (let round = 0; ; round++) {
    const response = await request.route.chat({
      messages,
      schema: jsonSchema,
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.maxOutputTokens !== undefined ? { maxOutputTokens: request.maxOutputTokens } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.onText ? { onText: request.onText } : {}),
      ...(request.onRestart ? { onRestart: request.onRestart } : {}),
    });
    const checked = validate(request.schema, response.text);
    if (checked.ok) return { value: checked.value, response, repairs: round };
    const answer: InvalidAnswer = { raw: response.text, problems: checked.problems, round, provider: response.provider, model: response.model };
    invalid.push(answer);
    request.onInvalid?.(answer);
    if (round >= rounds) throw new InvalidOutputError(invalid, response.provider);
    messages = [...messages, { role: 'assistant', content: response.text }, { role: 'user', content: repairInstruction(checked.problems) }];
  }
}

/** Agents' output schemas are fixed objects: each is converted once, not on every turn. */
const jsonSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let converted = jsonSchemas.get(schema);
  if (!converted) {
    converted = z.toJSONSchema(schema, { unrepresentable: 'any' });
    jsonSchemas.set(schema, converted);
  }
  return converted;
}

type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function validate<T>(schema: z.ZodType<T>, text: string): Checked<T> {
  const found = jsonCandidates(text);
  if (found.length === 0) return { ok: false, problems: ['no JSON value found in the answer'] };
  // Small models often wrap the answer in one key named for it: {"review": {...}}.
  const candidates = found.flatMap((candidate) => [candidate, ...wrappedValue(candidate)]);
  let first: string[] | undefined;
  for (const candidate of candidates) {
    const result = schema.safeParse(conform(schema, candidate));
    if (result.success) return { ok: true, value: result.data };
    first ??= result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  }
  // Another classic: the model answers with the JSON schema it was given. Saying so mends it faster than a list of missing fields.
  const echo = found.some(isJsonSchema) ? ['the answer repeats the JSON schema instead of following it: answer with the values themselves'] : [];
  return { ok: false, problems: [...echo, ...(first ?? [])] };
}

function wrappedValue(value: unknown): unknown[] {
  if (!isPlainObject(value)) return [];
  const entries = Object.values(value);
  return entries.length === 1 && typeof entries[0] === 'object' && entries[0] !== null ? [entries[0]] : [];
}

function isJsonSchema(value: unknown): boolean {
  return isPlainObject(value) && ('$schema' in value || (value.type === 'object' && isPlainObject(value.properties)));
}


function withSchemaInstruction(messages: readonly ChatMessage[], jsonSchema: unknown): ChatMessage[] {
  const instruction = `Answer with one JSON value only, no prose and no code fences, matching this JSON schema:\n${JSON.stringify(jsonSchema)}`;
  const [first, ...rest] = messages;
  if (first?.role === 'system') return [{ role: 'system', content: `${first.content}\n\n${instruction}` }, ...rest];
  return [{ role: 'system', content: instruction }, ...messages];
}

function repairInstruction(problems: readonly string[]): string {
  return [
    'Your answer did not match the required JSON schema:',
    ...problems.map((problem) => `- ${problem}`),
    'Answer again with only the corrected JSON, complete, with no prose and no code fences.',
  ].join('\n');
}
