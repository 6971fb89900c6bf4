import * as vscode from 'vscode';
import type * as Specs from '../../specs/specs-bundle';
import { registerRestorablePanel } from '../restorable-panel';
import type { ThreatViews } from './threat-views';

/** The panel's type, as VS Code restores it (package.json's onWebviewPanel activation event names it too). */
export const THREAT_VIEW_TYPE = 'omni.threatView';

/**
 * The threat model view's command and serializer. Only this file loads with the extension; the
 * panel, the threat model's schemas and the export come from the spec bundle when a view opens.
 */
export function registerThreatView(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, lazy: () => typeof Specs): vscode.Disposable[] {
  let views: ThreatViews | undefined;
  const threatViews = (): ThreatViews => {
    if (!views) {
      views = new (lazy().ThreatViews)(context, output);
      context.subscriptions.push(views);
    }
    return views;
  };
  return [
    vscode.commands.registerCommand('omni.openThreatView', async (argument?: unknown) => {
      try {
        return await threatViews().open(argument);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        output.error(`Open Threat Model: ${error instanceof Error ? (error.stack ?? message) : message}`);
        void vscode.window.showErrorMessage(`Omni: Open Threat Model failed: ${message}`);
        return undefined;
      }
    }),
    registerRestorablePanel(context, THREAT_VIEW_TYPE, (panel, state) => threatViews().restore(panel, state)),
  ];
}
