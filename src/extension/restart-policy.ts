import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult } from 'vscode-languageclient/node';

import { RestartBudget } from './restart-budget';

const MAX_RESTARTS = 5;

/**
 * Restarts a server process that died, at most five times in three minutes; the user hears about
 * it once (and once more if it gives up), never once per crash.
 */
export class RestartPolicy implements ErrorHandler {
  private readonly budget = new RestartBudget(MAX_RESTARTS, 3 * 60 * 1000);
  private told = false;

  constructor(private readonly output: vscode.LogOutputChannel) {}

  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue, handled: true };
  }

  closed(): CloseHandlerResult {
    if (!this.budget.take()) {
      return {
        action: CloseAction.DoNotRestart,
        message: `The Omni rules server stopped ${MAX_RESTARTS} times in 3 minutes and stays off. See "Omni: Show Output", then run "Omni: Restart Rules Server".`,
      };
    }
    this.output.error('the rules server process stopped; restarting it');
    if (!this.told) {
      this.told = true;
      void vscode.window.showWarningMessage('The Omni rules server stopped unexpectedly and was restarted. Details are in "Omni: Show Output".');
    }
    return { action: CloseAction.Restart, handled: true };
  }
}
