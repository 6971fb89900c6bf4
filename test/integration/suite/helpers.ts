import * as vscode from 'vscode';

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'omni-elite.omni-elite';

export function omniExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded: the runner passes it as extensionDevelopmentPath`);
  return extension;
}

/** A file of the workspace the runner opened: a fresh copy of test/fixtures/workspace. */
export function fixtureUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: the runner opens a copy of test/fixtures/workspace');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/** Opens a fixture file in an editor and makes it the active one. */
export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(document);
}

/** Closes every editor, reverting unsaved changes first so no "save?" dialog holds the close up. */
export async function closeAllEditors(): Promise<void> {
  // Only the tests' own files: VS Code itself edits the user's settings.json while the window starts.
  const dirty = vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty && vscode.workspace.getWorkspaceFolder(candidate.uri) !== undefined);
  for (const document of dirty) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Resolves with the diagnostics of `uri` once they satisfy `predicate`: at once if they already do,
 * otherwise on the diagnostics change that makes them. Never polls; the harness bounds the wait.
 */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const settle = (): void => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!predicate(diagnostics)) return;
      subscription.dispose();
      resolve(diagnostics);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) settle();
    });
    settle();
  });
}

/** The rule id a diagnostic carries in `code`, whether plain or with a documentation link. */
export function ruleId(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === undefined ? undefined : String(code);
}
