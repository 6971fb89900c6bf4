import type { ChatMessage } from '../provider';
import { estimateTokens } from './token-estimate';

/**
 * Whitespace after a finished JSON answer that no formatter writes: past this, the model is in the
 * runaway that small models fall into in JSON mode, appending blank lines until the context or the
 * timeout ends the call (ollama/ollama#2577, llama.cpp#7866).
 */
const RUNAWAY_WHITESPACE = 256;

/**
 * Watches a structured answer as it streams and says when it is over in all but name: a complete
 * top-level JSON value followed by nothing but a long run of whitespace. The provider then stops
 * reading and returns the answer instead of waiting minutes for a stop that may never come.
 * Braces inside JSON strings are not counted, and text after the value (prose, a closing fence)
 * resets the watch, so an answer that merely quotes JSON before the real one is not cut short.
 */
export class JsonRunawayWatch {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private closedValue = false;
  private trailing = 0;

  /** Feeds the next piece of the answer; true once the answer is a finished value trailed by runaway whitespace. */
  push(delta: string): boolean {
    for (const char of delta) {
      if (this.closedValue) {
        if (/\s/.test(char)) {
          this.trailing++;
          continue;
        }
        this.closedValue = false;
        this.trailing = 0;
      }
      this.step(char);
    }
    return this.closedValue && this.trailing >= RUNAWAY_WHITESPACE;
  }

  private step(char: string): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (char === '\\') this.escaped = true;
      else if (char === '"') this.inString = false;
      return;
    }
    if (char === '"') {
      if (this.depth > 0) this.inString = true;
    } else if (char === '{' || char === '[') {
      this.depth++;
    } else if ((char === '}' || char === ']') && this.depth > 0) {
      this.depth--;
      if (this.depth === 0) this.closedValue = true;
    }
  }
}

/** Token counts for an answer the provider stopped reading, so the server never sent its own. */
export function estimatedUsage(messages: readonly ChatMessage[], answer: string): { inputTokens: number; outputTokens: number } {
  return { inputTokens: estimateTokens(messages), outputTokens: estimateTokens([{ role: 'assistant', content: answer.trimEnd() }], 3, 0) };
}
