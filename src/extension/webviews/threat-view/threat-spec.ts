import * as vscode from 'vscode';
import type { ThreatViewSpec } from '../../../protocol/webview/threat-view';
import { pickSpec } from '../../specs/spec-picker';
import { specFolders } from '../../specs/spec-project';

// Any file of a spec folder names its spec: the menu offers the view on spec.md and threats.json.
const SPEC_FOLDER = /^(.*\/\.omni\/specs\/([a-z0-9][a-z0-9-]*))\/[^/]+$/;

/** One spec's folder, as the threat view needs it. */
export interface ThreatSpec {
  readonly slug: string;
  readonly folder: vscode.Uri;
  readonly threats: vscode.Uri;
  readonly spec: vscode.Uri;
}

function specFolderUri(folder: vscode.WorkspaceFolder, slug: string): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, '.omni', 'specs', slug);
}

export function threatSpecAt(folder: vscode.Uri, slug: string): ThreatSpec {
  return { slug, folder, threats: vscode.Uri.joinPath(folder, 'threats.json'), spec: vscode.Uri.joinPath(folder, 'spec.md') };
}

/** The spec whose folder holds `uri`; undefined for a file outside `.omni/specs/<slug>/`. */
export function threatSpecOf(uri: vscode.Uri): ThreatSpec | undefined {
  if (uri.scheme !== 'file') return undefined;
  const match = SPEC_FOLDER.exec(uri.path);
  if (!match?.[1] || !match[2]) return undefined;
  return threatSpecAt(uri.with({ path: match[1] }), match[2]);
}

/** The spec folder a restored panel saved; undefined when it is not one. */
export function threatSpecOfFolder(folder: vscode.Uri): ThreatSpec | undefined {
  return threatSpecOf(vscode.Uri.joinPath(folder, 'spec.md'));
}

export function describeSpec(spec: ThreatSpec): ThreatViewSpec {
  return { slug: spec.slug, folder: spec.folder.toString(), threatsPath: spec.threats.fsPath };
}

/**
 * The spec a command means: a URI from a menu, a slug from a caller, the active editor's spec, the
 * only spec, or one the user picks among the workspace's specs.
 */
export async function resolveThreatSpec(argument: unknown): Promise<ThreatSpec | undefined> {
  if (argument instanceof vscode.Uri) return threatSpecOf(argument);
  const folders = specFolders();
  if (typeof argument === 'string' && argument.trim() !== '') {
    const folder = folders[0];
    // Through the folder pattern: a slug such as "../x" names no spec.
    return folder ? threatSpecOf(vscode.Uri.joinPath(specFolderUri(folder, argument.trim()), 'spec.md')) : undefined;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active ? threatSpecOf(active) : undefined;
  if (fromEditor) return fromEditor;
  const picked = await pickSpec({ title: 'Open Threat Model', whenOne: 'take', none: 'no spec in this workspace yet' });
  return picked ? threatSpecAt(specFolderUri(picked.folder, picked.slug), picked.slug) : undefined;
}
