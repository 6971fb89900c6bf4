import { LlmError } from '../provider';

/** The smallest window worth asking for: Ollama's own default, so short prompts change nothing. */
const MIN_NUM_CTX = 4096;

/**
 * The `num_ctx` to send for a prompt of `promptTokens` with `reserveTokens` kept for the answer.
 * Ollama's default window silently drops the start of a longer prompt, so it is always set. It is
 * rounded up to a power of two because every new `num_ctx` makes Ollama reload the model; a few
 * sizes keep one loaded model serving most calls. A prompt that cannot fit fails here, clearly,
 * instead of being cut by the server.
 */
export function chooseNumCtx(input: { provider: string; model: string; promptTokens: number; reserveTokens: number; contextLength: number | undefined }): number {
  const needed = input.promptTokens + input.reserveTokens;
  const limit = input.contextLength;
  if (limit !== undefined && needed > limit) {
    throw new LlmError(
      'context',
      `the prompt needs about ${input.promptTokens} tokens plus ${input.reserveTokens} for the answer, but ${input.model} holds at most ${limit}; ` +
        'send less input (fewer files or a smaller spec) or choose a model with a larger context',
      input.provider,
    );
  }
  let size = MIN_NUM_CTX;
  while (size < needed) size *= 2;
  return limit === undefined ? size : Math.min(size, limit);
}

/**
 * The model's trained context length from `show`'s `model_info` (`<architecture>.context_length`,
 * e.g. `qwen2.context_length`). Undefined when the server does not say.
 */
export function contextLengthOf(modelInfo: unknown): number | undefined {
  const info = asRecord(modelInfo instanceof Map ? Object.fromEntries(modelInfo) : modelInfo);
  if (!info) return undefined;
  const architecture = info['general.architecture'];
  const named = typeof architecture === 'string' ? info[`${architecture}.context_length`] : undefined;
  const value = named ?? Object.entries(info).find(([key]) => key.endsWith('.context_length'))?.[1];
  return typeof value === 'number' && value > 0 ? value : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}
