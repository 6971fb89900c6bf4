import * as vscode from 'vscode';
import { ruleDocumentation } from '../core/docs/rule-documentation';
import { BUILTIN_RULES } from '../core/rules/registry';

/** Opens a rule's documentation as a Markdown preview; without an id, asks which rule. */
export async function showRuleDocumentation(ruleId: string | undefined): Promise<void> {
  const id =
    ruleId ??
    (
      await vscode.window.showQuickPick(
        BUILTIN_RULES.map((rule) => ({ label: rule.id, description: rule.title, detail: rule.equivalents.join(', ') })),
        { placeHolder: 'Rule to explain', matchOnDescription: true, matchOnDetail: true },
      )
    )?.label;
  const rule = BUILTIN_RULES.find((candidate) => candidate.id === id);
  if (!rule) {
    if (id !== undefined) void vscode.window.showWarningMessage(`Omni: no rule named ${id}`);
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: ruleDocumentation(rule) });
  await vscode.commands.executeCommand('markdown.showPreview', document.uri);
}
