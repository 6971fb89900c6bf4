import * as vscode from 'vscode';
import type { z } from 'zod';
import type { SpecHost } from '../../specs/spec-host';
import { webviewOptions } from '../webview-html';
import { specTargetFromUri, specTargetOf, type SpecTarget } from './spec-target';

/** What differs between the panels that show one spec each (the spec view, the design review). */
export interface SpecPanelKind {
  readonly viewType: string;
  /** The command's title, for the spec picker and its messages. */
  readonly command: string;
  /** Read as `<label>: <slug>` in the panel's title, and in the output's messages. */
  readonly label: string;
  /** The page's saved state, which names the spec a restored panel shows. */
  readonly state: z.ZodType<{ specUri: string }> | undefined;
  /** Fills the panel for its spec; the returned disposables go with the panel. */
  attach(host: SpecHost, panel: vscode.WebviewPanel, target: SpecTarget, key: string): vscode.Disposable[];
}

/** One panel per spec and kind: opening it again reveals the one there is, and a reload brings it back. */
export class SpecPanels {
  private readonly open = new Map<string, vscode.WebviewPanel>();

  constructor(private readonly kind: SpecPanelKind) {}

  /** The spec of the argument (a spec file's URI or a slug), the active editor or a pick, in a panel beside the editor. */
  async show(host: SpecHost, argument?: unknown): Promise<vscode.WebviewPanel | undefined> {
    const target = await specTargetOf(argument, this.kind.command);
    if (!target) return undefined;
    const existing = this.open.get(target.uri.toString());
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(this.kind.viewType, `${this.kind.label}: ${target.slug}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, webviewOptions(host.context.extensionUri));
    this.attach(host, panel, target);
    return panel;
  }

  /** A panel VS Code brings back after a reload, showing the spec its page saved. */
  restore(host: SpecHost, panel: vscode.WebviewPanel, state: unknown): void {
    const parsed = this.kind.state?.safeParse(state);
    const target = parsed?.success ? specTargetFromUri(parsed.data.specUri) : undefined;
    if (!target || this.open.has(target.uri.toString())) {
      host.output.warn(`${this.kind.label} panel not restored: ${parsed?.success ? `${parsed.data.specUri} is not a spec of this workspace` : 'it saved no spec'}`);
      panel.dispose();
      return;
    }
    this.attach(host, panel, target);
  }

  private attach(host: SpecHost, panel: vscode.WebviewPanel, target: SpecTarget): void {
    const key = target.uri.toString();
    this.open.set(key, panel);
    panel.title = `${this.kind.label}: ${target.slug}`;
    const subscriptions = this.kind.attach(host, panel, target, key);
    panel.onDidDispose(() => {
      this.open.delete(key);
      for (const subscription of subscriptions) subscription.dispose();
    });
  }
}
