import type { PromptRef } from '../prompts/prompt-file';
import { costOf, type Price, priceOf, type PriceTable, type RunAccount } from './accounting';
import type { BudgetGuard } from './budget';
import { type AnswerCache, answerCacheKey } from './cache';
import type { Candidate } from './fallback';
import type { ChatRequest, ChatResponse, ChatRoute } from './provider';
import { NO_REDACTIONS, redactMessages, type RedactionReport } from './redact';
import type { Span } from './spans';
import type { CallFacts } from './spans-schema';

/** A route that says which providers and models it may ask: the fallback chain. */
export interface PlannedRoute extends ChatRoute {
  readonly candidates: readonly Candidate[];
}

/** What one run shares across its agent turns. */
export interface RunServices {
  readonly account: RunAccount;
  readonly prices: PriceTable;
  readonly cache?: AnswerCache;
  readonly budget?: BudgetGuard;
}

export interface CallContext {
  /** The prompt the messages were rendered from: part of the cache key and of every record. */
  readonly prompt: PromptRef;
  /** The agent turn the calls belong to. */
  readonly turn: Span;
  /** Told once per call: redactions made, whether it came from the cache, and its cost. */
  readonly onCall?: (call: CallFacts) => void;
}

/**
 * Wraps the route an agent turn asks through (hand it to chatStructured: every repair round is a
 * call of its own). Each call: secrets are redacted when any candidate is non-local, a cached answer
 * is served without asking anyone, the budget is checked before anything is spent, and the call is
 * accounted and written as a span under the turn, with the provider that answered.
 */
export function meteredRoute(route: PlannedRoute, services: RunServices, context: CallContext): ChatRoute {
  const { account, prices, cache, budget } = services;
  const { prompt, turn } = context;
  const routeName = route.candidates.map((candidate) => `${candidate.provider.id}/${candidate.model}`).join(', ');
  const leavesMachine = route.candidates.some((candidate) => !candidate.provider.local);

  return {
    async chat(request) {
      const span = turn.child('call', routeName);
      const { messages, report } = leavesMachine ? redactMessages(request.messages) : { messages: request.messages, report: NO_REDACTIONS };
      const outgoing: Omit<ChatRequest, 'model'> = { ...request, messages };
      let release: (() => void) | undefined;
      try {
        const key = cache ? await answerCacheKey(routeName, prompt, outgoing) : undefined;
        const hit = key !== undefined ? cache?.get(key) : undefined;
        if (hit) {
          request.onText?.(hit.text);
          settle(span, { ...hit, firstTokenMs: 0, totalMs: 0 }, report, true, 0);
          return hit;
        }
        release = await budget?.admit({ route: routeName, messages, price: highestPrice(route.candidates, prices) });
        const response = await route.chat(outgoing);
        if (key !== undefined) cache?.set(key, response);
        const local = route.candidates.find((candidate) => candidate.provider.id === response.provider)?.provider.local ?? false;
        const price = priceOf(prices, response.provider, response.model, local);
        settle(span, response, report, false, price ? costOf(price, response.usage) : undefined);
        return response;
      } catch (error) {
        span.end({ error });
        throw error;
      } finally {
        release?.();
      }
    },
  };

  function settle(span: Span, response: ChatResponse, redactions: RedactionReport, cacheHit: boolean, costUsd: number | undefined): void {
    account.record({ provider: response.provider, model: response.model, prompt, usage: response.usage, totalMs: response.totalMs, costUsd, cached: cacheHit });
    const failed = (response.attempts ?? []).filter((attempt) => attempt.outcome !== 'answered');
    const call: CallFacts = {
      provider: response.provider,
      model: response.model,
      prompt: { id: prompt.id, version: prompt.version },
      inputTokens: response.usage.inputTokens,
      outputTokens: response.usage.outputTokens,
      ...(cacheHit ? {} : { firstTokenMs: response.firstTokenMs }),
      costUsd: costUsd ?? null,
      cacheHit,
      redactions: redactions.count,
      ...(redactions.count > 0 ? { redactedKinds: redactions.kinds } : {}),
      ...(!cacheHit && failed.length > 0
        ? { fellBackFrom: failed.map((attempt) => ({ provider: attempt.provider, model: attempt.model, reason: attempt.error?.kind ?? attempt.outcome })) }
        : {}),
    };
    span.end({ call });
    context.onCall?.(call);
  }
}

/**
 * The budget is checked before anyone answers, so the most expensive candidate is assumed; one
 * without a price makes the cost unknown.
 */
function highestPrice(candidates: readonly Candidate[], prices: PriceTable): Price | undefined {
  let highest: Price = { inputPerMillion: 0, outputPerMillion: 0 };
  for (const { provider, model } of candidates) {
    const price = priceOf(prices, provider.id, model, provider.local);
    if (!price) return undefined;
    highest = { inputPerMillion: Math.max(highest.inputPerMillion, price.inputPerMillion), outputPerMillion: Math.max(highest.outputPerMillion, price.outputPerMillion) };
  }
  return highest;
}
