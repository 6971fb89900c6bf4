import * as vscode from 'vscode';
import { readSettings } from '../settings';
import type { ChatOutcome } from './chat-commands';
import { chatEngine } from './chat-engine';
import { checkFiles, type CheckTarget } from './check-files';
import { renderFindings } from './render-findings';
import { checkTarget, documentTarget, workspaceRootOf } from './workspace-files';

/**
 * `/check`: the rules engine on the files the request references (`#file`), else on the active
 * editor, or only its selection when there is one; the project's config and baseline apply.
 */
export async function checkCommand(request: vscode.ChatRequest, stream: vscode.ChatResponseStream, subscriptions: vscode.Disposable[]): Promise<ChatOutcome> {
  const referenced = request.references.flatMap((reference) => {
    const value = reference.value;
    const uri = value instanceof vscode.Uri ? value : value instanceof vscode.Location ? value.uri : undefined;
    return uri?.scheme === 'file' ? [uri] : [];
  });
  const editor = vscode.window.activeTextEditor;
  let targets: CheckTarget[];
  let lines: { first: number; last: number } | undefined;
  let scope: string;
  if (referenced.length > 0) {
    targets = referenced.map((uri) => checkTarget(uri.fsPath));
    scope = referenced.length === 1 ? vscode.workspace.asRelativePath(referenced[0] as vscode.Uri) : `${referenced.length} files`;
  } else if (editor && editor.document.uri.scheme === 'file') {
    targets = [documentTarget(editor.document)];
    const { selection } = editor;
    lines = selection.isEmpty ? undefined : { first: selection.start.line, last: selection.end.line - (selection.end.character === 0 && selection.end.line > selection.start.line ? 1 : 0) };
    const name = vscode.workspace.asRelativePath(editor.document.uri);
    scope = lines ? `the selection of ${name} (lines ${lines.first + 1}-${lines.last + 1})` : name;
  } else {
    stream.markdown('Open a file (or select part of one) and ask `@omni /check` again; or name files with `#file`.');
    return { command: 'check', stopped: true };
  }
  stream.progress(`Checking ${scope}`);
  const engine = await chatEngine(subscriptions);
  const files = await checkFiles(engine, targets, workspaceRootOf, { overrides: readSettings().settings.rules, ...(lines ? { lines } : {}) });
  stream.markdown(renderFindings(files, scope));
  for (const file of files) if (file.notes.length === 0 || file.findings.length > 0) stream.reference(vscode.Uri.file(file.path));
  return { command: 'check' };
}
