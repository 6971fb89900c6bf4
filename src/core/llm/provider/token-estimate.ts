import type { ChatMessage } from '../provider';

/** Tokens a chat template adds around each message (role markers, separators). */
const PER_MESSAGE_OVERHEAD = 8;

/**
 * A deliberately high estimate of a prompt's tokens, without the model's tokenizer: about three
 * characters a token, where English averages four but code, JSON and non-Latin text run denser.
 * Guessing high only makes the context window larger; guessing low lets Ollama cut the prompt.
 */
export function estimateTokens(messages: readonly ChatMessage[], charsPerToken = 3, perMessage = PER_MESSAGE_OVERHEAD): number {
  return messages.reduce((sum, message) => sum + Math.ceil(message.content.length / charsPerToken) + perMessage, 0);
}
