import type { FileResult, Range } from './finding';
import type { LanguageId } from './languages';
import type { RuleSettings } from './engine';

/** One LSP-style content change: a range of the text as it stands before this change, and its new text. */
export interface TextChange {
  readonly range: Range;
  readonly text: string;
}

/**
 * Keeps the trees of open documents and lints them as they change: each edit is applied to the old
 * tree, reparsed incrementally, and only the changed rows re-queried where the rules allow. The
 * language server is its one user; the CLI lints whole files.
 */
export interface DocumentLinter {
  /** Parses and lints a newly opened document. */
  open(uri: string, path: string, language: LanguageId, text: string, settings: RuleSettings): Promise<FileResult>;
  /**
   * Applies the changes in order (each range refers to the text after the previous change) and
   * returns every finding of the new text.
   */
  change(uri: string, changes: readonly TextChange[], settings: RuleSettings): Promise<FileResult>;
  /** A full parse and lint, for when the editor goes idle: after broken edits an incremental tree can differ. */
  settle(uri: string, settings: RuleSettings): Promise<FileResult>;
  /** Lints again with new settings (config or baseline changed) without reparsing. */
  relint(uri: string, settings: RuleSettings): Promise<FileResult>;
  /** The document's current text, as the changes left it. */
  text(uri: string): string | undefined;
  close(uri: string): void;
  dispose(): void;
}
