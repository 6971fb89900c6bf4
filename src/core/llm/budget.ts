import { z } from 'zod';
import { costOf, formatUsd, type Price, type RunAccount, type RunTotals } from './accounting';
import { type ChatMessage, LlmError } from './provider';
import { estimateTokens as estimateWithRatio } from './provider/token-estimate';

export const BudgetSchema = z
  .object({
    maxTokens: z.number().int().positive().optional().describe('Most tokens (input + output) one run may use before omni asks.'),
    maxCostUsd: z.number().positive().optional().describe('Most US dollars one run may spend before omni asks.'),
    reserveOutputTokens: z
      .number()
      .int()
      .positive()
      .default(1024)
      .describe('Output tokens assumed for a call not yet answered, when checking it against the budget.'),
  })
  .strict();
export type Budget = z.infer<typeof BudgetSchema>;

export interface PlannedCall {
  /** The providers and models the call may go to: `ollama/qwen2.5-coder:7b, openai:hosted/gpt-4o`. */
  readonly route: string;
  readonly messages: readonly ChatMessage[];
  /** The highest price on the route; undefined when the price table does not know a non-local model. */
  readonly price: Price | undefined;
}

export interface BudgetSummary {
  /** Why the run would go over, in one sentence the user can act on. */
  readonly reason: string;
  readonly spent: RunTotals;
  readonly next: { route: string; inputTokens: number; outputTokens: number; costUsd: number | undefined };
  readonly budget: Budget;
}

/** Asked before the first call that would go over the budget; true lets the rest of the run go ahead. */
export type AskToContinue = (summary: BudgetSummary) => Promise<boolean>;

/** The budget's count: about four characters a token, nearer the average than the context window's high guess. */
export function estimateTokens(messages: readonly ChatMessage[]): number {
  return estimateWithRatio(messages, 4, 4);
}

/**
 * Stops a run before it goes over its budget. The first call that would cross a limit is put to
 * `askToContinue`; a refusal rejects with LlmError('budget'), so nothing is spent, and a yes lets
 * the rest of the run go on without asking again (a pipeline makes several calls, and one answer
 * per call is noise once the person has chosen). Calls in flight count with their estimate, and one
 * question is asked at a time.
 */
export class BudgetGuard {
  private inFlight = { tokens: 0, costUsd: 0 };
  private asking: Promise<unknown> = Promise.resolve();
  private agreed = false;

  constructor(
    private readonly budget: Budget,
    private readonly account: RunAccount,
    private readonly askToContinue: AskToContinue,
  ) {}

  /** Resolves with a release function to call once the call is accounted (answered or failed). */
  async admit(call: PlannedCall): Promise<() => void> {
    const inputTokens = estimateTokens(call.messages);
    const outputTokens = this.budget.reserveOutputTokens;
    const costUsd = call.price ? costOf(call.price, { inputTokens, outputTokens }) : undefined;
    const reserve = (): (() => void) => {
      const held = { tokens: inputTokens + outputTokens, costUsd: costUsd ?? 0 };
      this.inFlight = { tokens: this.inFlight.tokens + held.tokens, costUsd: this.inFlight.costUsd + held.costUsd };
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.inFlight = { tokens: this.inFlight.tokens - held.tokens, costUsd: this.inFlight.costUsd - held.costUsd };
      };
    };
    const reason = this.overBy(inputTokens + outputTokens, costUsd, call);
    if (!reason || this.agreed) return reserve();
    const answer = this.asking.then(async () => {
      // Another question may have been answered meanwhile; the figures are read again after it.
      const stillOver = this.overBy(inputTokens + outputTokens, costUsd, call);
      if (!stillOver || this.agreed) return true;
      const spent = this.account.totals();
      return this.askToContinue({ reason: stillOver, spent, next: { route: call.route, inputTokens, outputTokens, costUsd }, budget: this.budget });
    });
    this.asking = answer.catch(() => undefined);
    if (!(await answer)) {
      throw new LlmError('budget', `stopped before going over the budget: ${reason}`);
    }
    this.agreed = true;
    return reserve();
  }

  private overBy(tokens: number, costUsd: number | undefined, call: PlannedCall): string | undefined {
    const spent = this.account.totals();
    const { maxTokens, maxCostUsd } = this.budget;
    if (maxTokens !== undefined) {
      const projected = spent.inputTokens + spent.outputTokens + this.inFlight.tokens + tokens;
      if (projected > maxTokens) return `the next call to ${call.route} would bring the run to about ${projected} tokens, over the budget of ${maxTokens}`;
    }
    if (maxCostUsd !== undefined) {
      if (costUsd === undefined) return `the price table has no price for ${call.route}, so its cost against the ${formatUsd(maxCostUsd)} budget is unknown`;
      const projected = spent.costUsd + this.inFlight.costUsd + costUsd;
      if (projected > maxCostUsd) return `the next call to ${call.route} would bring the run to about ${formatUsd(projected)}, over the budget of ${formatUsd(maxCostUsd)}`;
    }
    return undefined;
  }
}
