import * as vscode from 'vscode';
import { ruleDocumentation } from '../core/docs/rule-documentation';
import { BUILTIN_RULES } from '../core/rules/registry';

/** Rule pages are read-only documents of their own scheme: an untitled one would ask to be saved on close. */
const SCHEME = 'omni-rule';
let provider: vscode.Disposable | undefined;

function ruleUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: `/${id}.md` });
}

function registerProvider(subscriptions: vscode.Disposable[]): void {
  if (provider) return;
  provider = vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
    provideTextDocumentContent: (uri) => {
      const rule = BUILTIN_RULES.find((candidate) => `/${candidate.id}.md` === uri.path);
      return rule ? ruleDocumentation(rule) : `No rule named ${uri.path.slice(1, -'.md'.length)}.`;
    },
  });
  subscriptions.push(provider);
}

/** Opens a rule's documentation as a Markdown preview; without an id, asks which rule. */
export async function showRuleDocumentation(ruleId: string | undefined, subscriptions: vscode.Disposable[]): Promise<void> {
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
  registerProvider(subscriptions);
  const document = await vscode.workspace.openTextDocument(ruleUri(rule.id));
  await vscode.commands.executeCommand('markdown.showPreview', document.uri);
}
