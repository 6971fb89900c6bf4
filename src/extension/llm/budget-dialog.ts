import * as vscode from 'vscode';
import { formatUsd } from '../../core/llm/accounting';
import type { AskToContinue, BudgetSummary } from '../../core/llm/budget';

const GO_ON = 'Go On';

/**
 * The editor's answer when a run would go over its budget: a modal dialog, because the run waits on
 * it and a notification can be missed. Closing the dialog stops the run; nothing is spent.
 */
export function editorBudgetQuestion(): AskToContinue {
  return async (summary) => {
    // A window that cannot show the dialog has not agreed to spend more.
    const answer = await Promise.resolve(vscode.window.showWarningMessage('Omni: this run would go over its budget.', { modal: true, detail: describe(summary) }, GO_ON)).catch(() => undefined);
    return answer === GO_ON;
  };
}

function describe({ reason, spent, budget }: BudgetSummary): string {
  const cost = spent.unpricedCalls > 0 ? `${formatUsd(spent.costUsd)} (+ ${spent.unpricedCalls} unpriced calls)` : formatUsd(spent.costUsd);
  const limits = [budget.maxTokens !== undefined ? `${budget.maxTokens} tokens` : undefined, budget.maxCostUsd !== undefined ? formatUsd(budget.maxCostUsd) : undefined].filter(Boolean);
  return [
    `${reason[0]?.toUpperCase() ?? ''}${reason.slice(1)}.`,
    `Spent so far: ${spent.inputTokens + spent.outputTokens} tokens, ${cost}, in ${spent.calls} calls.`,
    `The budget (${limits.join(' and ')}) is "budget" in .omni/config.json.`,
    `"${GO_ON}" lets this run finish without asking again; Cancel stops it.`,
  ].join('\n');
}
