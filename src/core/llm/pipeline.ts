import type { PromptRef } from '../prompts/prompt-file';
import { costOf, priceOf, type PriceTable, type RunAccount } from './accounting';
import type { BudgetGuard } from './budget';
import { type AnswerCache, answerCacheKey } from './cache';
import type { ChatProvider, ChatRequest, ChatResponse } from './provider';
import { NO_REDACTIONS, redactMessages, type RedactionReport } from './redact';
import type { Span } from './spans';

export interface ModelCallerOptions {
  readonly provider: ChatProvider;
  readonly account: RunAccount;
  readonly prices: PriceTable;
  readonly cache?: AnswerCache;
  readonly budget?: BudgetGuard;
}

export interface ModelCall {
  readonly request: ChatRequest;
  /** The prompt the messages were rendered from: part of the cache key and of every record. */
  readonly prompt: PromptRef;
  /** The agent turn this call belongs to. */
  readonly turn: Span;
}

export interface ModelAnswer extends ChatResponse {
  readonly prompt: PromptRef;
  readonly cached: boolean;
  /** Undefined when the price table has no price for this non-local model. */
  readonly costUsd: number | undefined;
  readonly redactions: RedactionReport;
}

/**
 * Every model call goes through here: secrets are redacted for non-local providers, a cached answer
 * is served without calling the provider, the budget is checked before anything is spent, and the
 * call is accounted and written as a span under its agent turn.
 */
export function createModelCaller(options: ModelCallerOptions): (call: ModelCall) => Promise<ModelAnswer> {
  const { provider, account, prices, cache, budget } = options;
  return async ({ request, prompt, turn }) => {
    const span = turn.child('call', `${provider.id}/${request.model}`);
    const { messages, report: redactions } = provider.local ? { messages: request.messages, report: NO_REDACTIONS } : redactMessages(request.messages);
    const outgoing: ChatRequest = { ...request, messages };
    const price = priceOf(prices, provider.id, request.model, provider.local);
    let release: (() => void) | undefined;
    try {
      const key = cache ? await answerCacheKey(provider.id, prompt, outgoing) : undefined;
      const hit = key !== undefined ? cache?.get(key) : undefined;
      if (hit) {
        request.onText?.(hit.text);
        const answer: ModelAnswer = { ...hit, totalMs: 0, firstTokenMs: 0, prompt, cached: true, costUsd: 0, redactions };
        settle(answer);
        return answer;
      }
      release = await budget?.admit({ provider: provider.id, model: request.model, messages, price });
      const response = await provider.chat(outgoing);
      const answer: ModelAnswer = { ...response, prompt, cached: false, costUsd: price ? costOf(price, response.usage) : undefined, redactions };
      if (key !== undefined) cache?.set(key, response);
      settle(answer);
      return answer;
    } catch (error) {
      span.end({ error });
      throw error;
    } finally {
      release?.();
    }

    function settle(answer: ModelAnswer): void {
      account.record({ provider: answer.provider, model: answer.model, prompt, usage: answer.usage, totalMs: answer.totalMs, costUsd: answer.costUsd, cached: answer.cached });
      span.end({
        call: {
          provider: answer.provider,
          model: answer.model,
          prompt: { id: prompt.id, version: prompt.version },
          inputTokens: answer.usage.inputTokens,
          outputTokens: answer.usage.outputTokens,
          ...(answer.cached ? {} : { firstTokenMs: answer.firstTokenMs }),
          costUsd: answer.costUsd ?? null,
          cacheHit: answer.cached,
          redactions: answer.redactions.count,
          ...(answer.redactions.count > 0 ? { redactedKinds: answer.redactions.kinds } : {}),
        },
      });
    }
  };
}
