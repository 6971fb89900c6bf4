import type { LanguageId } from './languages';
import type { Fix, FindingTag, Severity } from './rule';

/** Zero-based line, UTF-16 column: what LSP and VS Code use. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface Suppression {
  readonly kind: 'inline' | 'file' | 'baseline';
  readonly reason?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly path: string;
  readonly language: LanguageId;
  readonly range: Range;
  /** UTF-16 offsets of the range in the file text (after any BOM). */
  readonly startOffset: number;
  readonly endOffset: number;
  readonly fix?: Fix;
  readonly tags?: readonly FindingTag[];
  readonly related?: readonly { readonly range: Range; readonly message: string }[];
  /** Stable across line shifts: rule, the flagged line's text, and its rank among equal lines. */
  readonly fingerprint: string;
  readonly suppression?: Suppression;
}

/** Something that went wrong for one file without stopping the run. */
export interface FileNotice {
  readonly kind: 'rule-crash' | 'skipped' | 'unreadable' | 'syntax';
  readonly message: string;
  readonly ruleId?: string;
}

export interface FileResult {
  readonly path: string;
  readonly language?: LanguageId;
  readonly findings: readonly Finding[];
  readonly notices: readonly FileNotice[];
  /** UTF-8 size of the file, for throughput figures. */
  readonly bytes: number;
  /** ERROR and MISSING nodes in the tree: a file with syntax errors is still linted in its valid parts. */
  readonly syntaxErrors: number;
}
