import type * as vscode from 'vscode';
import { RulesEngine } from '../../core/rules/engine';
import { BUILTIN_RULES } from '../../core/rules/registry';
import { bundledWasm } from '../../node/wasm-files';

let engine: Promise<RulesEngine> | undefined;

/**
 * One rules engine in the extension host for `/check` and `omni_check`, made on first use: the
 * language server's engine lints what the editor shows, this one what chat asks about, so neither
 * waits for the other. Freed with the extension.
 */
export function chatEngine(subscriptions: vscode.Disposable[]): Promise<RulesEngine> {
  if (!engine) {
    const created = RulesEngine.create(bundledWasm(), BUILTIN_RULES);
    engine = created;
    created.catch(() => {
      // A failed start is reported by the caller; the next request tries again.
      if (engine === created) engine = undefined;
    });
    subscriptions.push({ dispose: () => void created.then((made) => made.dispose(), () => undefined) });
  }
  return engine;
}
