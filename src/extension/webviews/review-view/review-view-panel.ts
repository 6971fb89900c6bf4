import * as vscode from 'vscode';
import { nodeSpecWorkspace } from '../../../node/specs/node-spec-workspace';
import { ReviewViewProtocol } from '../../../protocol/webview/review-view';
import type { SpecHost } from '../../specs/spec-host';
import { PanelHost } from '../panel-host';
import { coalesced } from '../spec-view/coalesced';
import { SpecPanels } from '../spec-view/spec-panels';
import { revealSpecLine, watchSpecFolder, type SpecTarget } from '../spec-view/spec-target';
import { REVIEW_VIEW_TYPE } from '../spec-view/view-types';
import { webviewHtml } from '../webview-html';
import { reviewViewUpdate } from './review-snapshot';

const panels = new SpecPanels({
  viewType: REVIEW_VIEW_TYPE,
  command: 'Open Design Review',
  label: 'Review',
  state: ReviewViewProtocol.state,
  attach,
});

/** "Omni: Open Design Review": the review of the spec the argument, the active editor or a pick names. */
export function openReviewView(host: SpecHost, argument?: unknown): Promise<vscode.WebviewPanel | undefined> {
  return panels.show(host, argument);
}

export function restoreReviewView(host: SpecHost, panel: vscode.WebviewPanel, state: unknown): void {
  panels.restore(host, panel, state);
}

function attach(host: SpecHost, panel: vscode.WebviewPanel, target: SpecTarget, key: string): vscode.Disposable[] {
  panel.webview.html = webviewHtml(panel.webview, host.context.extensionUri, 'review-view', `Review: ${target.slug}`);
  let view: PanelHost<typeof ReviewViewProtocol> | undefined;
  const refresh = coalesced(
    async () => {
      await view?.post('update', await reviewViewUpdate(nodeSpecWorkspace(target.folder.uri.fsPath).open(target.slug), key));
    },
    (error) => host.output.error(`review view of ${target.slug}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
  view = new PanelHost(
    panel.webview,
    ReviewViewProtocol,
    {
      reveal: ({ line }) => revealSpecLine(target, line),
      async openSpecView() {
        await vscode.commands.executeCommand('omni.openSpecView', target.uri);
        return null;
      },
    },
    host.output,
  );
  return [view, view.onDidBecomeReady(refresh), watchSpecFolder(target, refresh)];
}
