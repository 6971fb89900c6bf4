import { isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import { EDITOR_LANGUAGE_IDS } from '../../core/rules/languages';
import type { CheckTarget } from './check-files';

/** The local workspace folder holding `path`, as the project root its config comes from. */
export function workspaceRootOf(path: string): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path));
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

/**
 * A path as a user or a model writes it, absolute or relative to the first workspace folder, made
 * absolute and normal: `..` cannot walk out of a folder unnoticed.
 */
export function resolveWorkspacePath(path: string): string {
  const first = vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file');
  return isAbsolute(path) || !first ? resolve(path) : resolve(first.uri.fsPath, path);
}

/** What to check for a file: the editor's text when it is open (unsaved edits count), else the file on disk. */
export function checkTarget(path: string): CheckTarget {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && document.uri.fsPath === path);
  return open ? documentTarget(open) : { path };
}

export function documentTarget(document: vscode.TextDocument): CheckTarget {
  const language = EDITOR_LANGUAGE_IDS[document.languageId];
  return { path: document.uri.fsPath, text: document.getText(), ...(language ? { language } : {}) };
}
