import * as vscode from 'vscode';
import { webviewOptions } from './webview-html';

/**
 * Brings a panel of `viewType` back after VS Code restarts or reloads its window, with the state the
 * webview last saved (vscode.setState). `restore` gets the revived panel with the same webview
 * options a new panel has and must set its HTML and host again. The panel's package.json needs the
 * activation event `onWebviewPanel:<viewType>`.
 */
export function registerRestorablePanel(
  context: vscode.ExtensionContext,
  viewType: string,
  restore: (panel: vscode.WebviewPanel, state: unknown) => void | Promise<void>,
): vscode.Disposable {
  const registration = vscode.window.registerWebviewPanelSerializer(viewType, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      panel.webview.options = webviewOptions(context.extensionUri);
      await restore(panel, state);
    },
  });
  context.subscriptions.push(registration);
  return registration;
}
