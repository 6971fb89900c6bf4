import * as vscode from 'vscode';

const MANAGE = 'Manage Workspace Trust';

/**
 * Commands that send the workspace to a model run only in a trusted workspace: a repository opened
 * in Restricted Mode could steer them (its config names the endpoint the code goes to).
 */
export function trustedFor(commandTitle: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(`Omni: ${commandTitle} is off in Restricted Mode: it sends this workspace's files to a model. Trust the workspace to use it.`, MANAGE)
    .then((choice) => (choice === MANAGE ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
  return false;
}
