import * as vscode from 'vscode';

// Checked on every document the editor opens, so it stays a path test with no parsing.
const SPEC_FILE = /\/\.omni\/specs\/([^/]+)\/spec\.md$/;

/** The slug of `.omni/specs/<slug>/spec.md`; undefined for any other file. */
export function specSlugOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? SPEC_FILE.exec(uri.path)?.[1] : undefined;
}

/** The spec file of `slug` in `folder`. */
export function specUri(folder: vscode.WorkspaceFolder, slug: string): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, '.omni', 'specs', slug, 'spec.md');
}
