import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentLinter, TextChange } from '../core/rules/document-linter';
import type { RulesEngine, RuleSettings } from '../core/rules/engine';
import type { FileResult } from '../core/rules/finding';
import type { LanguageId } from '../core/rules/languages';

interface OpenDocument {
  readonly path: string;
  readonly language: LanguageId;
  document: TextDocument;
}

/**
 * A DocumentLinter that parses the whole text on every change: correct, not fast. It stands in
 * until the incremental linter lands in src/core/rules/incremental.
 */
export class WholeFileLinter implements DocumentLinter {
  private readonly documents = new Map<string, OpenDocument>();

  constructor(private readonly engine: RulesEngine) {}

  open(uri: string, path: string, language: LanguageId, text: string, settings: RuleSettings): Promise<FileResult> {
    const document = TextDocument.create(uri, language, 0, text);
    this.documents.set(uri, { path, language, document });
    return this.lint(uri, settings);
  }

  change(uri: string, changes: readonly TextChange[], settings: RuleSettings): Promise<FileResult> {
    const open = this.get(uri);
    open.document = TextDocument.update(
      open.document,
      changes.map((change) => ({
        range: { start: { line: change.range.start.line, character: change.range.start.column }, end: { line: change.range.end.line, character: change.range.end.column } },
        text: change.text,
      })),
      open.document.version + 1,
    );
    return this.lint(uri, settings);
  }

  settle(uri: string, settings: RuleSettings): Promise<FileResult> {
    return this.lint(uri, settings);
  }

  relint(uri: string, settings: RuleSettings): Promise<FileResult> {
    return this.lint(uri, settings);
  }

  text(uri: string): string | undefined {
    return this.documents.get(uri)?.document.getText();
  }

  close(uri: string): void {
    this.documents.delete(uri);
  }

  dispose(): void {
    this.documents.clear();
  }

  private lint(uri: string, settings: RuleSettings): Promise<FileResult> {
    const open = this.get(uri);
    return this.engine.lintFile({ path: open.path, language: open.language, text: open.document.getText() }, settings);
  }

  private get(uri: string): OpenDocument {
    const open = this.documents.get(uri);
    if (!open) throw new Error(`${uri} is not open`);
    return open;
  }
}
