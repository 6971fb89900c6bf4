import * as vscode from 'vscode';
import { threatViewProtocol, type ThreatViewProtocol } from '../../../protocol/webview/threat-view';
import { approverName } from '../../specs/approver';
import { PanelHost } from '../panel-host';
import { webviewHtml } from '../webview-html';
import { exportToThreatDragon } from './threat-dragon-export';
import { saveThreatEdit, threatsSnapshot } from './threats-document';
import { describeSpec, type ThreatSpec } from './threat-spec';

/** One spec's threat view: the webview, its protocol host, and a watch on the spec's threats.json. */
export class ThreatViewPanel implements vscode.Disposable {
  private readonly host: PanelHost<ThreatViewProtocol>;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Edits run one after another: each reads the file the previous one wrote. */
  private edits: Promise<unknown> = Promise.resolve();

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly spec: ThreatSpec,
    extensionUri: vscode.Uri,
    private readonly output: vscode.LogOutputChannel,
    onDispose: () => void,
  ) {
    panel.title = `Threats: ${spec.slug}`;
    this.host = new PanelHost(
      panel.webview,
      threatViewProtocol,
      {
        editThreat: (params) => {
          const saved = this.edits.then(async () => saveThreatEdit(describeSpec(spec), params, await this.editor()));
          this.edits = saved.catch(() => undefined);
          return saved.then((snapshot) => {
            output.info(`threat ${params.id} of ${spec.slug} set to ${params.status} in ${spec.threats.fsPath}`);
            return snapshot;
          });
        },
        exportThreatDragon: async () => ({ saved: await exportToThreatDragon(spec) }),
        openThreatsFile: async () => {
          await vscode.window.showTextDocument(spec.threats, { viewColumn: vscode.ViewColumn.Beside });
          return null;
        },
      },
      output,
    );
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'threat-view', `Threats: ${spec.slug}`);

    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(spec.folder, 'threats.json'));
    const changed = (): void => void this.refresh();
    this.subscriptions.push(
      this.host,
      this.host.onDidBecomeReady(changed),
      watcher,
      watcher.onDidChange(changed),
      watcher.onDidCreate(changed),
      watcher.onDidDelete(changed),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
  }

  /** Sends the file as it is on disk now; a read that fails is logged, and the view keeps what it had. */
  /** Who gives a verdict from this view: git's user.name in the workspace, else the OS user. */
  private async editor(): Promise<string> {
    const folder = vscode.workspace.getWorkspaceFolder(this.spec.folder);
    return approverName(folder?.uri.fsPath ?? this.spec.folder.fsPath, vscode.workspace.isTrusted);
  }

  private async refresh(): Promise<void> {
    try {
      await this.host.post('snapshot', await threatsSnapshot(describeSpec(this.spec)));
    } catch (error) {
      this.output.error(`reading ${this.spec.threats.fsPath}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }
}
