import * as vscode from 'vscode';
import { specSlugOf } from './spec-location';
import { specProblems, type SpecProblem } from './spec-problems';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
} as const;

/**
 * Diagnostics (source "omni-spec") on every open `.omni/specs/<slug>/spec.md`, from the text the
 * editor holds. A check that finishes after the document changed again is thrown away and run on
 * the newer version, so a burst of keystrokes costs one check in flight and one after it.
 */
export class SpecDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('omni-spec');
  private readonly checking = new Set<string>();
  private readonly again = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly output: vscode.LogOutputChannel) {
    const reviews = vscode.workspace.createFileSystemWatcher('**/.omni/specs/*/review.json');
    const recheckFolder = (uri: vscode.Uri): void => {
      const folder = vscode.Uri.joinPath(uri, '..').toString();
      for (const document of vscode.workspace.textDocuments) if (vscode.Uri.joinPath(document.uri, '..').toString() === folder) this.refresh(document);
    };
    this.subscriptions = [
      this.collection,
      reviews,
      reviews.onDidChange(recheckFolder),
      reviews.onDidCreate(recheckFolder),
      reviews.onDidDelete(recheckFolder),
      vscode.workspace.onDidOpenTextDocument((document) => this.refresh(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.refresh(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)),
    ];
    vscode.workspace.textDocuments.forEach((document) => this.refresh(document));
  }

  refresh(document: vscode.TextDocument): void {
    if (specSlugOf(document.uri) === undefined) return;
    const key = document.uri.toString();
    if (this.checking.has(key)) {
      this.again.add(key);
      return;
    }
    this.checking.add(key);
    void this.check(document).finally(() => {
      this.checking.delete(key);
      if (this.again.delete(key) && !document.isClosed) this.refresh(document);
    });
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    try {
      const problems = await specProblems(document.getText(), document.uri.fsPath);
      if (document.isClosed) return;
      if (document.version !== version) {
        this.again.add(document.uri.toString());
        return;
      }
      this.collection.set(document.uri, problems.map((problem) => diagnostic(document, problem)));
    } catch (error) {
      // A crash in the check costs this file its diagnostics, never the editor.
      this.output.error(`checking ${document.uri.fsPath}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function diagnostic(document: vscode.TextDocument, problem: SpecProblem): vscode.Diagnostic {
  const line = document.lineAt(Math.min(Math.max(problem.line - 1, 0), document.lineCount - 1));
  const start = problem.column !== undefined ? Math.min(problem.column - 1, line.text.length) : line.firstNonWhitespaceCharacterIndex;
  const range = new vscode.Range(line.lineNumber, Math.max(start, 0), line.lineNumber, line.text.length);
  const result = new vscode.Diagnostic(range, problem.message, SEVERITY[problem.severity]);
  result.source = 'omni-spec';
  result.code = problem.code;
  return result;
}
