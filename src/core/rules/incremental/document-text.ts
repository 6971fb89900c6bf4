import { Edit } from 'web-tree-sitter';
import type { Position } from '../finding';
import type { TextChange } from '../document-linter';
import { utf8Length } from '../engine';
import { LineIndex, lineAt } from '../line-index';

/** A change as the tree and the linter need it. */
export interface AppliedChange {
  readonly edit: Edit;
  /** The whole lines the change touched, as they were and as they are. */
  readonly before: string;
  readonly after: string;
}

/**
 * An open document's text with its line starts kept up to date across changes, so that an LSP
 * position becomes an offset without scanning the text. Offsets and columns are UTF-16 code units,
 * which is also how web-tree-sitter indexes a JavaScript string, so a change maps straight onto a
 * tree edit. Lines end at `\n` (a `\r` before it belongs to the line), as in the engine's LineIndex.
 */
export class DocumentText {
  private lineStarts: number[];
  private utf8: number;

  constructor(private current: string) {
    this.lineStarts = lineStartsOf(current, 0);
    this.utf8 = utf8Length(current);
  }

  /** Size in UTF-8 bytes, kept up to date without reading the whole text again. */
  get bytes(): number {
    return this.utf8;
  }

  get text(): string {
    return this.current;
  }

  /** The line index of the text as it is now (a copy: later changes move the starts). */
  lineIndex(): LineIndex {
    return new LineIndex(this.current, this.lineStarts.slice());
  }

  /** The offset of an LSP position; past the end of a line or of the text, it clamps as LSP says. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.current.length;
    const start = this.lineStarts[position.line] ?? 0;
    const contentEnd = this.contentEnd(position.line);
    return Math.min(start + Math.max(0, position.column), contentEnd);
  }

  positionAt(offset: number): { row: number; column: number } {
    const row = lineAt(this.lineStarts, offset);
    return { row, column: offset - (this.lineStarts[row] ?? 0) };
  }

  /** Applies one change and returns the matching tree-sitter edit. */
  apply(change: TextChange): AppliedChange {
    let startIndex = this.offsetAt(change.range.start);
    let oldEndIndex = Math.max(startIndex, this.offsetAt(change.range.end));
    // Never split a surrogate pair: tree-sitter would see half a character.
    if (isLowSurrogate(this.current.charCodeAt(startIndex)) && isHighSurrogate(this.current.charCodeAt(startIndex - 1))) startIndex--;
    if (isLowSurrogate(this.current.charCodeAt(oldEndIndex)) && isHighSurrogate(this.current.charCodeAt(oldEndIndex - 1))) oldEndIndex++;
    const startPosition = this.positionAt(startIndex);
    const oldEndPosition = this.positionAt(oldEndIndex);
    const newEndIndex = startIndex + change.text.length;
    const firstLine = this.lineStarts[startPosition.row] ?? 0;
    const before = this.current.slice(firstLine, this.lineEnd(oldEndPosition.row));
    this.utf8 += utf8Length(change.text) - utf8Length(this.current.slice(startIndex, oldEndIndex));
    this.current = this.current.slice(0, startIndex) + change.text + this.current.slice(oldEndIndex);
    const inserted = lineStartsOf(change.text, startIndex).slice(1);
    const delta = change.text.length - (oldEndIndex - startIndex);
    const removedUntil = oldEndPosition.row + 1;
    const tail = this.lineStarts.slice(removedUntil).map((start) => start + delta);
    this.lineStarts.length = startPosition.row + 1;
    for (const start of inserted) this.lineStarts.push(start);
    for (const start of tail) this.lineStarts.push(start);
    const lastInserted = inserted[inserted.length - 1];
    const newEndPosition =
      lastInserted === undefined
        ? { row: startPosition.row, column: startPosition.column + change.text.length }
        : { row: startPosition.row + inserted.length, column: newEndIndex - lastInserted };
    const edit = new Edit({ startIndex, oldEndIndex, newEndIndex, startPosition, oldEndPosition, newEndPosition });
    return { edit, before, after: this.current.slice(firstLine, this.lineEnd(newEndPosition.row)) };
  }

  private lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    return next === undefined ? this.current.length : next - 1;
  }

  /** Where a line's content ends: before its `\n` or `\r\n`. */
  private contentEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.current.length;
    return this.current.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }
}

function lineStartsOf(text: string, base: number): number[] {
  const starts = [base];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(base + index + 1);
  return starts;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
