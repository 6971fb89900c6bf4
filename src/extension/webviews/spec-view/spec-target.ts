import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { specSlugOf, specUri } from '../../specs/spec-location';
import { pickSpec } from '../../specs/spec-picker';
import { specFromArgument } from '../../specs/spec-project';
import { RefusedError } from '../panel-host';

/** One spec a view shows: its workspace folder, slug and spec.md. */
export interface SpecTarget {
  readonly folder: vscode.WorkspaceFolder;
  readonly slug: string;
  readonly uri: vscode.Uri;
}

/** The spec a command names (spec.md's URI, a slug), else the active editor's, else the only one, else one the user picks. */
export async function specTargetOf(argument: unknown, title: string): Promise<SpecTarget | undefined> {
  const chosen = specFromArgument(argument) ?? (await pickSpec({ title, whenOne: 'take', none: 'no spec in this workspace yet' }));
  return chosen ? { ...chosen, uri: specUri(chosen.folder, chosen.slug) } : undefined;
}

/** The spec a restored panel showed, from the URI its page saved; undefined when it is not a spec of this workspace any more. */
export function specTargetFromUri(value: string): SpecTarget | undefined {
  const uri = vscode.Uri.parse(value, true);
  const slug = specSlugOf(uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return slug && folder ? { folder, slug, uri } : undefined;
}

/** Shows spec.md with `line` (one-based) selected and centred. */
export async function revealSpecLine(target: SpecTarget, line: number): Promise<null> {
  const document = await vscode.workspace.openTextDocument(target.uri);
  const at = Math.min(line, document.lineCount) - 1;
  const range = new vscode.Range(at, 0, at, document.lineAt(at).text.length);
  await vscode.window.showTextDocument(document, { selection: range, viewColumn: vscode.ViewColumn.One, preview: false });
  return null;
}

/**
 * A link clicked in the rendered spec: web and mail links go to the system's handler, a relative
 * link to a file of the workspace opens in the editor; anything else is refused.
 */
export async function openSpecLink(target: SpecTarget, href: string): Promise<null> {
  if (/^(https?|mailto):/i.test(href)) {
    await vscode.env.openExternal(vscode.Uri.parse(href, true));
    return null;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) throw new RefusedError(`The link "${href}" is not opened from the spec view.`, ['Only web links and files of the workspace open from here.']);
  const path = decodeURIComponent(href.split('#')[0] ?? '');
  const file = vscode.Uri.joinPath(vscode.Uri.file(dirname(target.uri.fsPath)), path);
  if (vscode.workspace.getWorkspaceFolder(file)?.uri.toString() !== target.folder.uri.toString()) {
    throw new RefusedError(`The link "${href}" leads outside the workspace folder.`, [file.fsPath]);
  }
  await vscode.window.showTextDocument(file, { preview: true });
  return null;
}

/** Fires `changed` when a file of the spec's folder changes on disk (an agent, the CLI, another editor). */
export function watchSpecFolder(target: SpecTarget, changed: () => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(target.uri, '..'), '{spec.md,comments.json,review.json,events.jsonl,.agent/revisions/*.md}'));
  const subscriptions = [watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)];
  return vscode.Disposable.from(...subscriptions);
}
