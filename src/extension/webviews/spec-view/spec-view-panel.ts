import * as vscode from 'vscode';
import { NothingToRefineError, refineSpec, type RefineOutcome } from '../../../core/agents/refine';
import { readSpecFile } from '../../../core/agents/spec-files';
import { addComment, deleteComment, openComments, readSpecComments, reopenComment, resolveComment, updateSpecComments } from '../../../core/specs/comments';
import { diffRevisions, readSpecRevision } from '../../../core/specs/revisions';
import { specHash } from '../../../core/specs/spec-hash';
import { nodeSpecWorkspace } from '../../../node/specs/node-spec-workspace';
import type { RequestHandlers } from '../../../protocol/webview/define';
import { SpecViewProtocol } from '../../../protocol/webview/spec-view';
import { approverName } from '../../specs/approver';
import { runPipeline } from '../../specs/pipeline-run';
import type { SpecHost } from '../../specs/spec-host';
import { trustedFor } from '../../specs/workspace-trust';
import { PanelHost, RefusedError } from '../panel-host';
import { webviewHtml } from '../webview-html';
import { coalesced } from './coalesced';
import { commentView, specViewUpdate } from './spec-snapshot';
import { SpecPanels } from './spec-panels';
import { openSpecLink, revealSpecLine, watchSpecFolder, type SpecTarget } from './spec-target';
import { SPEC_VIEW_TYPE } from './view-types';

const TITLE = 'Open Spec View';
const panels = new SpecPanels({ viewType: SPEC_VIEW_TYPE, command: TITLE, label: 'Spec', state: SpecViewProtocol.state, attach });

/** "Omni: Open Spec View": the spec of the argument, the active editor or a pick, in a panel beside the editor. */
export function openSpecView(host: SpecHost, argument?: unknown): Promise<vscode.WebviewPanel | undefined> {
  return panels.show(host, argument);
}

/** A spec view VS Code brings back after a reload, showing the spec its page saved. */
export function restoreSpecView(host: SpecHost, panel: vscode.WebviewPanel, state: unknown): void {
  panels.restore(host, panel, state);
}

function attach(host: SpecHost, panel: vscode.WebviewPanel, target: SpecTarget, key: string): vscode.Disposable[] {
  panel.webview.html = webviewHtml(panel.webview, host.context.extensionUri, 'spec-view', `Spec: ${target.slug}`);
  let view: PanelHost<typeof SpecViewProtocol> | undefined;
  const refresh = coalesced(
    async () => {
      const folder = nodeSpecWorkspace(target.folder.uri.fsPath).open(target.slug);
      await view?.post('update', await specViewUpdate(folder, key, (message) => host.output.warn(message)));
    },
    (error) => host.output.error(`spec view of ${target.slug}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
  view = new PanelHost(panel.webview, SpecViewProtocol, specViewHandlers(host, target, refresh, (progress) => void view?.post('progress', progress)), host.output);
  return [view, view.onDidBecomeReady(refresh), watchSpecFolder(target, refresh)];
}

function specViewHandlers(
  host: SpecHost,
  target: SpecTarget,
  refresh: () => void,
  progress: (step: { step: string; message: string }) => void,
): RequestHandlers<typeof SpecViewProtocol, vscode.CancellationToken> {
  const root = target.folder.uri.fsPath;
  const folder = () => nodeSpecWorkspace(root).open(target.slug);
  const author = () => approverName(root, vscode.workspace.isTrusted);
  // Each change to comments.json is followed by a fresh snapshot; the file watcher may or may not also see it.
  const changed = <T>(result: T): T => {
    refresh();
    return result;
  };
  return {
    async addComment({ anchor, body }) {
      const spec = await readSpecFile(folder());
      const [by, sha] = await Promise.all([author(), specHash(spec.text)]);
      const comment = await updateSpecComments(folder(), (file) => {
        const added = addComment(file, { anchor, body, author: by, at: new Date().toISOString(), specSha256: sha });
        return { file: added.file, result: added.comment };
      });
      host.output.info(`${target.slug}: comment ${comment.id} by ${by} on ${JSON.stringify(anchor)}`);
      return changed(commentView(comment, spec, sha));
    },
    async resolveComment({ id }) {
      const by = await author();
      await updateSpecComments(folder(), (file) => ({ file: resolveComment(file, id, { author: by, at: new Date().toISOString() }), result: undefined }));
      return changed(null);
    },
    async reopenComment({ id }) {
      await updateSpecComments(folder(), (file) => ({ file: reopenComment(file, id), result: undefined }));
      return changed(null);
    },
    async deleteComment({ id }) {
      await updateSpecComments(folder(), (file) => ({ file: deleteComment(file, id), result: undefined }));
      return changed(null);
    },
    async refine() {
      if (openComments(await readSpecComments(folder())).length === 0) {
        throw new RefusedError('Nothing to refine.', [new NothingToRefineError(target.slug).message]);
      }
      if (!trustedFor('Refine Spec')) throw new RefusedError('Refine is off in Restricted Mode.', ['It sends this workspace to a model: trust the workspace to use it.']);
      await requireSaved(target);
      let refined: RefineOutcome | undefined;
      const run = await runPipeline(host, target.folder, 'Refine Spec', async ({ project, llm, signal, onProgress }) => {
        refined = await refineSpec({
          workspace: project.workspace,
          llm,
          slug: target.slug,
          signal,
          onProgress: (step) => {
            onProgress(step);
            progress(step);
          },
        });
        return refined;
      });
      refresh();
      if (run.kind === 'stopped' || !refined) throw new Error(run.kind === 'stopped' ? `Refine stopped (${run.reason}): ${run.message}` : 'Refine ended without an outcome.');
      return { phase: refined.phase, answered: refined.answered, reasons: refined.reasons, ...(refined.overall === undefined ? {} : { overall: refined.overall }) };
    },
    reveal: ({ line }) => revealSpecLine(target, line),
    openLink: ({ href }) => openSpecLink(target, href),
    async diff({ from, to }) {
      const [before, after] = await Promise.all([readSpecRevision(folder(), from), readSpecRevision(folder(), to)]);
      return diffRevisions(before, after);
    },
    async openReview() {
      await vscode.commands.executeCommand('omni.openReviewView', target.uri);
      return null;
    },
  };
}

const SAVE_AND_REFINE = 'Save and Refine';

/** The Architect revises the file on disk: unsaved edits in the editor would be left to fight the revision, so they are saved first or Refine stops. */
async function requireSaved(target: SpecTarget): Promise<void> {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === target.uri.toString());
  if (!document?.isDirty) return;
  const choice = await vscode.window.showWarningMessage(`Omni: "${target.slug}" has unsaved changes.`, { modal: true, detail: 'Refine revises the spec as saved, keeping your edits.' }, SAVE_AND_REFINE);
  if (choice !== SAVE_AND_REFINE || !(await document.save())) throw new RefusedError('Refine needs the spec saved first.', [`${target.uri.fsPath} has unsaved changes.`]);
}
