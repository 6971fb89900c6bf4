import * as vscode from 'vscode';
import { approveSpec, rejectSpec } from '../../../core/agents/approve';
import { reviewSpecAgain } from '../../../core/agents/orchestrator';
import { requestChanges } from '../../../core/agents/request-changes';
import { nodeSpecWorkspace } from '../../../node/specs/node-spec-workspace';
import type { HandlerParams, HandlerResult, RequestHandlers } from '../../../protocol/webview/define';
import type { SpecRef, SpecsPanelProtocol } from '../../../protocol/webview/specs-panel';
import { approverName } from '../../specs/approver';
import { runPipeline } from '../../specs/pipeline-run';
import type { SpecHost } from '../../specs/spec-host';
import { specUri } from '../../specs/spec-location';
import { specFolders } from '../../specs/spec-project';
import { trustedFor } from '../../specs/workspace-trust';
import { RefusedError } from '../panel-host';

type Handlers = RequestHandlers<SpecsPanelProtocol, vscode.CancellationToken>;

/** A spec the panel names that is not in any open workspace folder (the folder was closed meanwhile). */
export class UnknownSpecFolderError extends Error {
  override readonly name = 'UnknownSpecFolderError';
  constructor(readonly folder: string) {
    super(`no open workspace folder is ${folder}: refresh the Specs view`);
  }
}

/**
 * What each button of the Specs panel does: the same core functions as the commands and the CLI.
 * A gate that says no answers with RefusedError, so the panel shows its reasons next to the spec.
 */
export function specsPanelActions(host: SpecHost, list: Handlers['list'], changed: () => void): Handlers {
  // The file watcher reports these writes too; a list pushed at once does not wait on it.
  const thenRefresh =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await work(...args);
      } finally {
        changed();
      }
    };
  return {
    list,
    open: async (ref) => {
      await vscode.window.showTextDocument(specUri(folderOf(ref), ref.slug), { preview: false });
      return {};
    },
    review: thenRefresh((ref) => review(host, ref)),
    approve: thenRefresh((ref) => approve(host, ref)),
    requestChanges: thenRefresh(async (ref) => {
      const folder = folderOf(ref);
      const by = await approverName(folder.uri.fsPath, vscode.workspace.isTrusted);
      await requestChanges({ workspace: nodeSpecWorkspace(folder.uri.fsPath), slug: ref.slug, by, at: new Date(), comments: [ref.comments] });
      host.output.info(`${ref.slug}: changes requested by ${by}`);
      return {};
    }),
    reject: thenRefresh(async (ref) => {
      const folder = folderOf(ref);
      const by = await approverName(folder.uri.fsPath, vscode.workspace.isTrusted);
      await rejectSpec({ workspace: nodeSpecWorkspace(folder.uri.fsPath), slug: ref.slug, by, at: new Date(), reason: ref.reason });
      host.output.info(`${ref.slug}: rejected by ${by}: ${ref.reason}`);
      return {};
    }),
    generate: async () => {
      await vscode.commands.executeCommand('omni.generateSpec');
      return {};
    },
  };
}

async function approve(host: SpecHost, ref: SpecRef): Promise<HandlerResult<SpecsPanelProtocol, 'approve'>> {
  const folder = folderOf(ref);
  const uri = specUri(folder, ref.slug);
  // The approval records the hash of the file on disk; unsaved edits would void it at once.
  if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString() && document.isDirty)) {
    throw new RefusedError(`"${ref.slug}" has unsaved changes`, ['Save spec.md first: the approval covers the spec as saved.']);
  }
  const by = await approverName(folder.uri.fsPath, vscode.workspace.isTrusted);
  const result = await approveSpec({ workspace: nodeSpecWorkspace(folder.uri.fsPath), slug: ref.slug, by, at: new Date() });
  if (!result.approved) {
    host.output.info(`approval of ${ref.slug} by ${by} refused: ${result.reasons.join(' ')}`);
    throw new RefusedError(`"${ref.slug}" cannot be approved yet`, result.reasons);
  }
  host.output.info(`${ref.slug} approved by ${by}`);
  return { by };
}

const REVIEW_TITLE = 'Review Spec';

/** reviewSpecAgain under the same progress notification (with Cancel) and provider check as Generate Spec. */
async function review(host: SpecHost, ref: HandlerParams<SpecsPanelProtocol, 'review'>): Promise<HandlerResult<SpecsPanelProtocol, 'review'>> {
  if (!trustedFor(REVIEW_TITLE)) throw new RefusedError('the workspace is in Restricted Mode', ['Trust the workspace to send the spec to a model.']);
  const folder = folderOf(ref);
  const run = await runPipeline(host, folder, `${REVIEW_TITLE} "${ref.slug}"`, ({ project, llm, signal, onProgress }) =>
    reviewSpecAgain({ slug: ref.slug, workspace: project.workspace, llm, signal, onProgress }),
  );
  if (run.kind === 'stopped') throw new Error(run.reason === 'cancelled' ? 'the review was cancelled' : run.message);
  return { phase: run.outcome.phase, reasons: run.outcome.reasons };
}

function folderOf(ref: SpecRef): vscode.WorkspaceFolder {
  const folder = specFolders().find((candidate) => candidate.uri.toString() === ref.folder);
  if (!folder) throw new UnknownSpecFolderError(ref.folder);
  return folder;
}
