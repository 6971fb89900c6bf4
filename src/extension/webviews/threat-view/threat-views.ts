import * as vscode from 'vscode';
import { ThreatViewState } from '../../../protocol/webview/threat-view';
import { THREAT_VIEW_TYPE } from './register-threat-view';
import { webviewOptions } from '../webview-html';
import { ThreatViewPanel } from './threat-view-panel';
import { resolveThreatSpec, threatSpecOfFolder, type ThreatSpec } from './threat-spec';

/** Every open threat view, one per spec: opening a spec's view again brings its panel forward. */
export class ThreatViews implements vscode.Disposable {
  private readonly panels = new Map<string, ThreatViewPanel>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** "Omni: Open Threat Model" on a spec file's URI, a slug, the active editor's spec, or a picked one. */
  async open(argument?: unknown): Promise<ThreatSpec | undefined> {
    const spec = await resolveThreatSpec(argument);
    if (!spec) {
      if (argument !== undefined) void vscode.window.showWarningMessage('Omni: the threat model view opens on a spec: a file under .omni/specs/<slug>/.');
      return undefined;
    }
    const key = spec.folder.toString();
    const open = this.panels.get(key);
    if (open) open.panel.reveal();
    else {
      const panel = vscode.window.createWebviewPanel(THREAT_VIEW_TYPE, `Threats: ${spec.slug}`, vscode.ViewColumn.Active, webviewOptions(this.context.extensionUri));
      this.attach(panel, spec);
    }
    return spec;
  }

  /** A panel VS Code brings back after a reload, with the state its webview saved. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const saved = ThreatViewState.safeParse(state);
    const spec = saved.success ? threatSpecOfFolder(vscode.Uri.parse(saved.data.folder)) : undefined;
    if (!spec || this.panels.has(spec.folder.toString())) {
      // Nothing to show (a state from before the view loaded, or a second panel on one spec).
      this.output.warn(`a threat view could not be restored: ${saved.success ? saved.data.folder : 'no saved spec'}`);
      panel.dispose();
      return;
    }
    this.attach(panel, spec);
  }

  private attach(panel: vscode.WebviewPanel, spec: ThreatSpec): void {
    const key = spec.folder.toString();
    this.panels.set(key, new ThreatViewPanel(panel, spec, this.context.extensionUri, this.output, () => this.panels.delete(key)));
  }

  dispose(): void {
    for (const view of this.panels.values()) view.panel.dispose();
    this.panels.clear();
  }
}
