import * as vscode from 'vscode';
import { BUILTIN_RULES } from '../core/rules/registry';
import { ruleDocumentation } from '../core/docs/rule-documentation';

// The language server, diagnostics and quick fixes arrive with the editor integration; for now
// the extension ships the rule pack's documentation and the config schema.
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('omni.showRuleDocumentation', async (ruleId?: string) => {
      const id =
        ruleId ??
        (
          await vscode.window.showQuickPick(
            BUILTIN_RULES.map((rule) => ({ label: rule.id, description: rule.title, detail: rule.equivalents.join(', ') })),
            { placeHolder: 'Rule to explain', matchOnDescription: true, matchOnDetail: true },
          )
        )?.label;
      const rule = BUILTIN_RULES.find((candidate) => candidate.id === id);
      if (!rule) return;
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: ruleDocumentation(rule) });
      await vscode.commands.executeCommand('markdown.showPreview', document.uri);
    }),
  );
}

export function deactivate(): void {}
