import { createInterface } from 'node:readline/promises';
import { InvalidArgumentError } from 'commander';
import { formatUsd } from '../core/llm/accounting';
import type { AskToContinue, Budget, BudgetSummary } from '../core/llm/budget';

/** `--budget 50000` or `--budget 50k` (tokens), `--budget $0.50` or `--budget 0.5usd` (US dollars). */
export function parseBudgetOption(value: string): Pick<Budget, 'maxTokens' | 'maxCostUsd'> {
  const money = /^\s*(?:\$\s*([0-9]*\.?[0-9]+)|([0-9]*\.?[0-9]+)\s*(?:\$|usd))\s*$/i.exec(value);
  if (money) {
    const amount = Number(money[1] ?? money[2]);
    if (amount > 0) return { maxCostUsd: amount };
  }
  const tokens = /^\s*([0-9]+)\s*(k|m)?\s*(?:tokens?)?\s*$/i.exec(value);
  if (tokens) {
    const count = Number(tokens[1]) * (tokens[2]?.toLowerCase() === 'k' ? 1_000 : tokens[2]?.toLowerCase() === 'm' ? 1_000_000 : 1);
    if (count > 0) return { maxTokens: count };
  }
  throw new InvalidArgumentError('expected tokens (50000, 50k) or US dollars ($0.50, 0.5usd)');
}

function describeSummary(summary: BudgetSummary): string {
  const { spent } = summary;
  const cost = spent.unpricedCalls > 0 ? `${formatUsd(spent.costUsd)} (+ ${spent.unpricedCalls} unpriced)` : formatUsd(spent.costUsd);
  return `${summary.reason} (spent so far: ${spent.inputTokens + spent.outputTokens} tokens, ${cost}, in ${spent.calls} calls)`;
}

/**
 * The CLI's answer when a run would go over its budget: `--yes` goes on, a terminal is asked, and
 * anything else (CI, a pipe) stops with a message that says how to go on. `signal` (the command's
 * interrupt) ends an open question with "no".
 */
export function cliBudgetQuestion(options: { yes: boolean; input: NodeJS.ReadableStream; output: NodeJS.WritableStream; signal?: AbortSignal }): AskToContinue {
  const { yes, input, output, signal } = options;
  return async (summary) => {
    if (yes) {
      output.write(`omni: ${describeSummary(summary)}; going on (--yes)\n`);
      return true;
    }
    if (!('isTTY' in input && input.isTTY === true)) {
      output.write(`omni: ${describeSummary(summary)}; stopping. Pass --yes to go on, or a larger --budget.\n`);
      return false;
    }
    const terminal = createInterface({ input, output });
    // While readline holds the terminal, Ctrl-C arrives as a key, not a signal: raise the signal it
    // would have been, so the command's interrupt handling (and `signal`) sees it.
    terminal.once('SIGINT', () => process.kill(process.pid, 'SIGINT'));
    try {
      const answer = await terminal.question(`omni: ${describeSummary(summary)}. Go on for the rest of this run? [y/N] `, signal ? { signal } : {});
      return /^\s*y(?:es)?\s*$/i.test(answer);
    } catch (error) {
      if (signal?.aborted) return false;
      throw error;
    } finally {
      terminal.close();
    }
  };
}
