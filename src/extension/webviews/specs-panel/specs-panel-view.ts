import * as vscode from 'vscode';
import { SpecsPanelProtocol } from '../../../protocol/webview/specs-panel';
import { specFolders } from '../../specs/spec-project';
import type { SpecHost } from '../../specs/spec-host';
import { PanelHost } from '../panel-host';
import { webviewHtml, webviewOptions } from '../webview-html';
import { specsPanelActions } from './panel-actions';
import { RefreshQueue } from './refresh-queue';
import { specRows } from './spec-rows';

/**
 * The Specs view's extension side: serves the page, answers its requests, and pushes a fresh list
 * whenever a file under `.omni/specs` changes in any workspace folder (a burst of writes, one list).
 */
export function openSpecsPanel(host: SpecHost, view: vscode.WebviewView): vscode.Disposable {
  const { extensionUri } = host.context;
  view.webview.options = webviewOptions(extensionUri);
  const list = () => specRows(specFolders());
  const refresh: RefreshQueue = new RefreshQueue(
    async () => {
      if (view.visible) await panel.post('specs', await list());
    },
    (error) => host.output.error(`Specs view: the list could not be read: ${error instanceof Error ? error.message : String(error)}`),
  );
  const panel = new PanelHost(view.webview, SpecsPanelProtocol, specsPanelActions(host, list, () => refresh.trigger()), host.output);
  const watcher = vscode.workspace.createFileSystemWatcher('**/.omni/specs/**');
  const disposables = [
    panel,
    watcher,
    watcher.onDidCreate(() => refresh.trigger()),
    watcher.onDidChange(() => refresh.trigger()),
    watcher.onDidDelete(() => refresh.trigger()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => refresh.trigger()),
    // A hidden view's page is gone; shown again it loads and asks for the list itself.
  ];
  view.webview.html = webviewHtml(view.webview, extensionUri, 'specs-panel', 'Specs');
  return vscode.Disposable.from(...disposables);
}
