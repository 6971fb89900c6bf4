import * as vscode from 'vscode';
import type * as Specs from '../../specs/specs-bundle';
import type { SpecHost } from '../../specs/spec-host';

export const SPECS_VIEW_ID = 'omni.specs';

/**
 * The Specs view in Omni's activity bar container. Only this registration loads with the extension;
 * the panel's host code comes from the spec bundle when the view is first shown.
 */
export function registerSpecsPanel(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, lazy: () => typeof Specs): vscode.Disposable[] {
  const host: SpecHost = { context, output, running: new Map() };
  return [
    vscode.window.registerWebviewViewProvider(SPECS_VIEW_ID, {
      resolveWebviewView(view) {
        try {
          const panel = lazy().openSpecsPanel(host, view);
          view.onDidDispose(() => panel.dispose());
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          output.error(`the Specs view did not open: ${error instanceof Error ? (error.stack ?? message) : message}`);
          void vscode.window.showErrorMessage(`Omni: the Specs view did not open: ${message}`);
        }
      },
    }),
  ];
}
