import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseConfig } from '../../core/config/load';
import { DEFAULT_CONFIG, type OmniConfig } from '../../core/config/schema';
import { withModelSettings } from '../../core/llm/model-settings';
import type { SpecWorkspace } from '../../core/agents/spec-workspace';
import { nodeSpecWorkspace } from '../../node/specs/node-spec-workspace';
import { modelSettings } from '../llm/extension-llm-host';
import { specSlugOf } from './spec-location';

/** One workspace folder seen as a spec project: its specs and its model settings. */
export interface SpecProject {
  readonly folder: vscode.WorkspaceFolder;
  readonly root: string;
  readonly workspace: SpecWorkspace;
  /** `.omni/config.json` with the user's `omni.models.*` settings laid over it. */
  readonly config: OmniConfig;
  /** Settings that named an unknown provider, one line each. */
  readonly problems: readonly string[];
}

/** Reads the folder's `.omni/config.json` afresh: a command always runs with the file as it is now. Throws ConfigError. */
export async function loadSpecProject(folder: vscode.WorkspaceFolder): Promise<SpecProject> {
  const root = folder.uri.fsPath;
  const file = join(root, '.omni', 'config.json');
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  });
  const project = text === undefined ? DEFAULT_CONFIG : parseConfig(file, text);
  const { config, problems } = withModelSettings(project, modelSettings());
  // The repository map skips what the project's checks skip.
  return { folder, root, workspace: nodeSpecWorkspace(root, { exclude: config.exclude }), config, problems };
}

/** Local folders only: specs are files the pipeline writes with Node. */
export function specFolders(): vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
}

/** The folder a new spec goes to: the active file's, else the first; asks when several and no file is active. */
export async function folderForNewSpec(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = specFolders();
  const active = vscode.window.activeTextEditor?.document.uri;
  const owner = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (owner && folders.includes(owner)) return owner;
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should the spec go?' });
}

/** A spec named by a command's argument (a spec file's URI or a slug) or by the active editor. */
export function specFromArgument(argument: unknown): { folder: vscode.WorkspaceFolder; slug: string } | undefined {
  const uri = argument instanceof vscode.Uri ? argument : typeof argument === 'string' ? undefined : vscode.window.activeTextEditor?.document.uri;
  if (uri) {
    const slug = specSlugOf(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return slug && folder ? { folder, slug } : undefined;
  }
  if (typeof argument !== 'string' || argument.trim() === '') return undefined;
  const folder = specFolders()[0];
  return folder ? { folder, slug: argument.trim() } : undefined;
}
