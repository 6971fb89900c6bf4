import * as vscode from 'vscode';
import { nodeSpecWorkspace } from '../../../node/specs/node-spec-workspace';
import { ReviewViewProtocol } from '../../../protocol/webview/review-view';
import type { SpecHost } from '../../specs/spec-host';
import { PanelHost } from '../panel-host';
import { coalesced } from '../spec-view/coalesced';
import { revealSpecLine, specTargetFromUri, specTargetOf, watchSpecFolder, type SpecTarget } from '../spec-view/spec-target';
import { REVIEW_VIEW_TYPE } from '../spec-view/view-types';
import { webviewHtml, webviewOptions } from '../webview-html';
import { reviewViewUpdate } from './review-snapshot';

const open = new Map<string, vscode.WebviewPanel>();

/** "Omni: Open Design Review": the review of the spec the argument, the active editor or a pick names. */
export async function openReviewView(host: SpecHost, argument?: unknown): Promise<vscode.WebviewPanel | undefined> {
  const target = await specTargetOf(argument, 'Open Design Review');
  if (!target) return undefined;
  const existing = open.get(target.uri.toString());
  if (existing) {
    existing.reveal();
    return existing;
  }
  const panel = vscode.window.createWebviewPanel(REVIEW_VIEW_TYPE, `Review: ${target.slug}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, webviewOptions(host.context.extensionUri));
  attach(host, panel, target);
  return panel;
}

export function restoreReviewView(host: SpecHost, panel: vscode.WebviewPanel, state: unknown): void {
  const parsed = ReviewViewProtocol.state?.safeParse(state);
  const target = parsed?.success ? specTargetFromUri(parsed.data.specUri) : undefined;
  if (!target || open.has(target.uri.toString())) {
    host.output.warn(`review view not restored: ${parsed?.success ? `${parsed.data.specUri} is not a spec of this workspace` : 'it saved no spec'}`);
    panel.dispose();
    return;
  }
  attach(host, panel, target);
}

function attach(host: SpecHost, panel: vscode.WebviewPanel, target: SpecTarget): void {
  const key = target.uri.toString();
  open.set(key, panel);
  panel.title = `Review: ${target.slug}`;
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
  const subscriptions = [view, view.onDidBecomeReady(refresh), watchSpecFolder(target, refresh)];
  panel.onDidDispose(() => {
    open.delete(key);
    for (const subscription of subscriptions) subscription.dispose();
  });
}
