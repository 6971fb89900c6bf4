import type * as vscode from 'vscode';

/** What the chat handler and the tools use of the extension: its log, the user's stored API keys, and its lifetime. */
export interface ChatHost {
  readonly output: vscode.LogOutputChannel;
  /** Where "Omni: Set API Key" keeps keys: the user's providers need them. */
  readonly secrets: vscode.SecretStorage;
  /** Disposed with the extension: the rules engine made for chat goes with it. */
  readonly subscriptions: vscode.Disposable[];
}
