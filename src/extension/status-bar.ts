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

  constructor() {
    this.item.name = 'Omni';
    this.item.command = 'workbench.actions.view.problems';
    this.listener = vscode.languages.onDidChangeDiagnostics(() => this.count());
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

  private count(): void {
    let errors = 0;
    let warnings = 0;
    let others = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const diagnostic of diagnostics) {
        if (diagnostic.source !== 'omni') continue;
        if (diagnostic.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) warnings++;
        else others++;
      }
    }
    if (errors === this.errors && warnings === this.warnings && others === this.others) return;
    Object.assign(this, { errors, warnings, others });
    this.render();
  }

  private render(): void {
    this.item.text = `${ICON[this.state]} Omni  $(error) ${this.errors} $(warning) ${this.warnings}`;
    const state = this.state === 'idle' ? 'starts with the first Python, TypeScript, JavaScript, Go or Rust file' : this.state;
    this.item.tooltip = `Omni rules server: ${state}\n${this.errors} error(s), ${this.warnings} warning(s), ${this.others} other finding(s) in the workspace\nClick to open the Problems panel`;
    this.item.backgroundColor = this.state === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}
