import * as vscode from 'vscode';
import { nodeSpecWorkspace } from '../../node/specs/node-spec-workspace';
import { specFolders } from './spec-project';

export interface PickedSpec {
  readonly folder: vscode.WorkspaceFolder;
  readonly slug: string;
}

export interface SpecPick {
  /** The command's title, shown on the picker: `Open Spec View`. */
  readonly title: string;
  /**
   * With a single spec in the workspace: a view opens it at once ('take'); an action that changes
   * the spec still asks ('ask'), so the pick doubles as the user's confirmation.
   */
  readonly whenOne: 'take' | 'ask';
  /** Said when the workspace has no spec. */
  readonly none: string;
}

/** Every spec of the workspace's local folders. */
export async function workspaceSpecs(): Promise<PickedSpec[]> {
  const lists = await Promise.all(specFolders().map(async (folder) => (await nodeSpecWorkspace(folder.uri.fsPath).list()).map((slug) => ({ folder, slug }))));
  return lists.flat();
}

/** The spec a command without one named should work on, from every spec of the workspace's local folders. */
export async function pickSpec(options: SpecPick): Promise<PickedSpec | undefined> {
  const items = (await workspaceSpecs()).map((spec) => ({ ...spec, label: spec.slug, description: spec.folder.name }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`Omni: ${options.none}: run "Omni: Generate Spec" first.`);
    return undefined;
  }
  if (items.length === 1 && options.whenOne === 'take') return items[0];
  return vscode.window.showQuickPick(items, { title: `Omni: ${options.title}`, placeHolder: 'Which spec?' });
}
