import * as vscode from 'vscode';
import type * as Specs from '../../specs/specs-bundle';
import type { SpecHost } from '../../specs/spec-host';
import { registerRestorablePanel } from '../restorable-panel';
import { REVIEW_VIEW_TYPE, SPEC_VIEW_TYPE } from './view-types';

/**
 * The spec view and the design review view: their commands and the serializers that bring them back
 * after a reload. The panels themselves come from the specs bundle on first use.
 */
export function registerSpecViews(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, lazy: () => typeof Specs): vscode.Disposable[] {
  const host: SpecHost = { context, output, running: new Map() };
  const command = (id: string, title: string, run: (argument: unknown) => Promise<unknown>): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (argument: unknown) => {
      try {
        return await run(argument);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        output.error(`${title}: ${error instanceof Error ? (error.stack ?? message) : message}`);
        void vscode.window.showErrorMessage(`Omni: ${title} failed: ${message}`);
        return undefined;
      }
    });
  const restore = (what: string, revive: (panel: vscode.WebviewPanel, state: unknown) => void) => (panel: vscode.WebviewPanel, state: unknown) => {
    try {
      revive(panel, state);
    } catch (error) {
      output.error(`${what} could not be restored: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      panel.dispose();
    }
  };
  registerRestorablePanel(context, SPEC_VIEW_TYPE, restore('the spec view', (panel, state) => lazy().restoreSpecView(host, panel, state)));
  registerRestorablePanel(context, REVIEW_VIEW_TYPE, restore('the review view', (panel, state) => lazy().restoreReviewView(host, panel, state)));
  return [
    command('omni.openSpecView', 'Open Spec View', (argument) => lazy().openSpecView(host, argument)),
    command('omni.openReviewView', 'Open Design Review', (argument) => lazy().openReviewView(host, argument)),
  ];
}
