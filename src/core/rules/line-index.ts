import type { Range } from './finding';

/** Offsets to zero-based lines and UTF-16 columns, by binary search over line starts. */
export class LineIndex {
  private readonly starts: readonly number[];

  /** `starts`, when the caller keeps them already (an open document), saves a pass over the text. */
  constructor(
    readonly text: string,
    starts?: readonly number[],
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    const found = [0];
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) found.push(index + 1);
    this.starts = found;
  }

  position(offset: number): { line: number; column: number } {
    const line = lineAt(this.starts, offset);
    return { line, column: offset - (this.starts[line] ?? 0) };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const next = this.starts[line + 1];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1).replace(/\r$/, '');
  }
}

/** The zero-based line holding `offset`, given each line's start offset in ascending order. */
export function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
