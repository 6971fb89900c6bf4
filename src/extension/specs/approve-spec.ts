import * as vscode from 'vscode';
import { approveSpec } from '../../core/agents/approve';
import { nodeSpecWorkspace } from '../../node/specs/node-spec-workspace';
import { pickSpec } from './spec-picker';
import { approverName } from './approver';
import type { SpecHost } from './spec-host';
import { specUri } from './spec-location';
import { specFromArgument } from './spec-project';

export type ApproveResult =
  | { kind: 'approved'; slug: string; by: string }
  | { kind: 'refused'; slug: string; reasons: string[] }
  | { kind: 'stopped'; message: string };

const SAVE_AND_APPROVE = 'Save and Approve';

/**
 * "Omni: Approve Spec": the spec in the active editor, the one a menu or caller names (URI or slug),
 * or one picked from the workspace, approved through the same gate the CLI uses.
 */
export async function approveSpecCommand(host: SpecHost, argument?: unknown): Promise<ApproveResult> {
  const target = specFromArgument(argument) ?? (await pickSpec({ title: 'Approve Spec', whenOne: 'ask', none: 'no spec to approve yet' }));
  if (!target) return { kind: 'stopped', message: 'no spec chosen' };
  const { folder, slug } = target;
  const uri = specUri(folder, slug);
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open?.isDirty) {
    // The approval records the hash of the file on disk; unsaved edits would void it at once.
    const choice = await vscode.window.showWarningMessage(`Omni: "${slug}" has unsaved changes.`, { modal: true, detail: 'The approval covers the spec as saved.' }, SAVE_AND_APPROVE);
    if (choice !== SAVE_AND_APPROVE || !(await open.save())) return { kind: 'stopped', message: 'unsaved changes' };
  }
  const by = await approverName(folder.uri.fsPath, vscode.workspace.isTrusted);
  const result = await approveSpec({ workspace: nodeSpecWorkspace(folder.uri.fsPath), slug, by, at: new Date() });
  if (!result.approved) {
    host.output.info(`approval of ${slug} by ${by} refused: ${result.reasons.join(' ')}`);
    vscode.window.showWarningMessage(`Omni: "${slug}" cannot be approved yet.`, { modal: true, detail: result.reasons.map((reason) => `• ${reason}`).join('\n') }).then(undefined, (error: unknown) => {
      // A window that refuses dialogs still has the reasons in the output.
      host.output.warn(`the refusal could not be shown: ${error instanceof Error ? error.message : String(error)}`);
    });
    return { kind: 'refused', slug, reasons: result.reasons };
  }
  host.output.info(`${slug} approved by ${by}`);
  void vscode.window.showInformationMessage(`Omni: "${slug}" approved by ${by}. Any later edit to the spec voids the approval.`);
  return { kind: 'approved', slug, by };
}
