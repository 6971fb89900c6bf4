import type { ChatRequest, ChatResponse } from '../provider';
import type { CallDeadline } from '../timeouts';

/** A provider's answer with its timings, read off the call's deadline. */
export function chatResponse(provider: string, request: ChatRequest, text: string, usage: ChatResponse['usage'], deadline: CallDeadline, now: () => number = Date.now): ChatResponse {
  return { text, usage, provider, model: request.model, firstTokenMs: deadline.firstTokenMs, totalMs: now() - deadline.startedAt };
}
