import * as vscode from 'vscode';
import { omniExtension, ruleId, waitForDiagnostics } from './helpers';

/** Diagnostics of the Omni server only (other extensions may report on the same files). */
export function omniDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'omni');
}

/** Waits until the Omni diagnostics of `uri` satisfy `predicate`. */
export async function waitForOmni(uri: vscode.Uri, predicate: (ids: string[], diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  await waitForDiagnostics(uri, (all) => {
    const ours = all.filter((diagnostic) => diagnostic.source === 'omni');
    return predicate(ours.map((diagnostic) => ruleId(diagnostic) ?? ''), ours);
  });
  return omniDiagnostics(uri);
}

export async function activeOmni(): Promise<{ activationMs: number }> {
  const api = (await omniExtension().activate()) as { activationMs?: unknown };
  if (typeof api.activationMs !== 'number') throw new Error('the extension exposes no activationMs');
  return { activationMs: api.activationMs };
}

/** The Omni code actions offered for one diagnostic, of `kind`. */
export async function codeActionsFor(uri: vscode.Uri, range: vscode.Range, kind: string = vscode.CodeActionKind.QuickFix.value): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

/** Runs a code action the way the lightbulb does: its edit first, then its command. */
export async function applyCodeAction(action: vscode.CodeAction, ...extraArguments: unknown[]): Promise<void> {
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) throw new Error(`"${action.title}" did not apply`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []), ...extraArguments);
}

export function has(id: string): (ids: string[]) => boolean {
  return (ids) => ids.includes(id);
}

export function lacks(id: string): (ids: string[]) => boolean {
  return (ids) => !ids.includes(id);
}
