import { z } from 'zod';
import type { PromptRef } from '../prompts/prompt-file';
import type { TokenUsage } from './provider';

const Price = z
  .object({
    inputPerMillion: z.number().nonnegative().describe('US dollars per million input (prompt) tokens'),
    outputPerMillion: z.number().nonnegative().describe('US dollars per million output (answer) tokens'),
  })
  .strict();
export type Price = z.infer<typeof Price>;

/**
 * Provider id -> model name (or `*` for every model of that provider) -> price. Local providers
 * (Ollama, a llama.cpp server on this machine) cost nothing whatever the table says.
 */
export const PriceTableSchema = z
  .record(z.string().min(1), z.record(z.string().min(1), Price))
  .default({})
  .describe('Prices per provider id and model ("*" for any model), in US dollars per million tokens.');
export type PriceTable = z.infer<typeof PriceTableSchema>;

/** The price of one model, or undefined when the table does not say (its cost is then unknown). */
export function priceOf(table: PriceTable, provider: string, model: string, local: boolean): Price | undefined {
  if (local) return { inputPerMillion: 0, outputPerMillion: 0 };
  const models = table[provider];
  return models?.[model] ?? models?.['*'];
}

export function costOf(price: Price, usage: TokenUsage): number {
  return (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
}

export interface CallRecord {
  readonly provider: string;
  readonly model: string;
  readonly prompt: PromptRef;
  readonly usage: TokenUsage;
  readonly totalMs: number;
  /** Undefined when the price table has no price for a non-local model. */
  readonly costUsd: number | undefined;
  readonly cached: boolean;
}

export interface RunTotals {
  readonly calls: number;
  readonly cachedCalls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalMs: number;
  readonly costUsd: number;
  /** Calls whose cost is unknown and so missing from `costUsd`. */
  readonly unpricedCalls: number;
}

const EMPTY: RunTotals = { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, totalMs: 0, costUsd: 0, unpricedCalls: 0 };

/** Tokens, time and money of one run. A cached answer counts as a call that cost nothing. */
export class RunAccount {
  private readonly records: CallRecord[] = [];

  record(call: CallRecord): void {
    this.records.push(call);
  }

  totals(): RunTotals {
    return this.records.reduce(addCall, EMPTY);
  }
}

function addCall(sum: RunTotals, call: CallRecord): RunTotals {
  const paid = !call.cached;
  return {
    calls: sum.calls + 1,
    cachedCalls: sum.cachedCalls + (call.cached ? 1 : 0),
    inputTokens: sum.inputTokens + (paid ? call.usage.inputTokens : 0),
    outputTokens: sum.outputTokens + (paid ? call.usage.outputTokens : 0),
    totalMs: sum.totalMs + call.totalMs,
    costUsd: sum.costUsd + (paid ? (call.costUsd ?? 0) : 0),
    unpricedCalls: sum.unpricedCalls + (paid && call.costUsd === undefined ? 1 : 0),
  };
}

/** `$0.0123`: four decimals, since one call of a small model costs fractions of a cent. */
export function formatUsd(amount: number): string {
  return `$${amount.toFixed(amount > 0 && amount < 0.0001 ? 6 : 4)}`;
}
