import * as vscode from 'vscode';
import type * as Specs from './specs-bundle';
import type { SpecHost } from './spec-host';
import { specSlugOf } from './spec-location';

/**
 * The spec commands, diagnostics and resume offer. Only this file loads with the extension; the
 * pipeline, the spec parser and the model clients come from their own bundle on first use.
 */
export function registerSpecs(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, lazy: () => typeof Specs): vscode.Disposable[] {
  const host: SpecHost = { context, output, running: new Map() };
  let diagnostics: vscode.Disposable | undefined;
  const watchSpecs = (document: vscode.TextDocument): void => {
    if (diagnostics || specSlugOf(document.uri) === undefined) return;
    diagnostics = new (lazy().SpecDiagnostics)(output);
    context.subscriptions.push(diagnostics);
  };
  const command = (id: string, title: string, run: (...args: unknown[]) => Promise<unknown>): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        output.error(`${title}: ${error instanceof Error ? (error.stack ?? message) : message}`);
        void vscode.window.showErrorMessage(`Omni: ${title} failed: ${message}`);
        throw error;
      }
    });

  // After activate() has returned: reading the spec logs is not start-up work.
  setImmediate(() => {
    vscode.workspace.textDocuments.forEach(watchSpecs);
    void hasSpecs().then((found) => (found ? lazy().offerResume(host) : undefined)).catch((error: unknown) => output.error(`looking for interrupted spec pipelines: ${String(error)}`));
  });

  return [
    command('omni.generateSpec', 'Generate Spec', (task) => lazy().generateSpec(host, task)),
    command('omni.approveSpec', 'Approve Spec', (target) => lazy().approveSpecCommand(host, target)),
    command('omni.resumeSpecPipeline', 'Resume Spec Pipeline', (slug) => lazy().resumeSpec(host, slug)),
    vscode.workspace.onDidOpenTextDocument(watchSpecs),
  ];
}

async function hasSpecs(): Promise<boolean> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, '.omni', 'specs'));
      return true;
    } catch {
      // This folder has no specs; the next may.
    }
  }
  return false;
}
