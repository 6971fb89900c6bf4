import * as vscode from 'vscode';
import type { ServerState } from './rules-client';

const ICON: Record<ServerState | 'idle', string> = {
  idle: '$(shield)',
  starting: '$(loading~spin)',
  ready: '$(shield)',
  scanning: '$(sync~spin)',
  stopped: '$(circle-slash)',
};

/** Server state and the workspace's Omni finding counts; a click opens the Problems panel. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('omni.status', vscode.StatusBarAlignment.Left, 50);
  private readonly listener: vscode.Disposable;
  private state: ServerState | 'idle' = 'idle';
  private errors = 0;
  private warnings = 0;
  private others = 0;
  private readonly perFile = new Map<string, { errors: number; warnings: number; others: number }>();

  constructor() {
    this.item.name = 'Omni';
    this.item.command = 'workbench.actions.view.problems';
    this.listener = vscode.languages.onDidChangeDiagnostics((event) => this.count(event.uris));
    this.render();
    this.item.show();
  }

  setState(state: ServerState): void {
    this.state = state;
    this.render();
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }

  /** Recounts only the files that changed: after a scan of thousands of files, events come per batch. */
  private count(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) {
      const counts = { errors: 0, warnings: 0, others: 0 };
      for (const diagnostic of vscode.languages.getDiagnostics(uri)) {
        if (diagnostic.source !== 'omni') continue;
        if (diagnostic.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
        else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
        else counts.others++;
      }
      if (counts.errors + counts.warnings + counts.others === 0) this.perFile.delete(uri.toString());
      else this.perFile.set(uri.toString(), counts);
    }
    let [errors, warnings, others] = [0, 0, 0];
    for (const counts of this.perFile.values()) {
      errors += counts.errors;
      warnings += counts.warnings;
      others += counts.others;
    }
    if (errors === this.errors && warnings === this.warnings && others === this.others) return;
    this.errors = errors;
    this.warnings = warnings;
    this.others = others;
    this.render();
  }

  private render(): void {
    this.item.text = `${ICON[this.state]} Omni  $(error) ${this.errors} $(warning) ${this.warnings}`;
    const state = this.state === 'idle' ? 'starts with the first Python, TypeScript, JavaScript, Go or Rust file' : this.state;
    this.item.tooltip = `Omni rules server: ${state}\n${this.errors} error(s), ${this.warnings} warning(s), ${this.others} other finding(s) in the workspace\nClick to open the Problems panel`;
    this.item.backgroundColor = this.state === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}
