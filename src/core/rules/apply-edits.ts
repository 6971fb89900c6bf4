import type { TextEdit } from './rule';

export interface AppliedEdits {
  readonly text: string;
  readonly applied: number;
  /** Edits dropped because they overlapped one applied before them. */
  readonly skipped: number;
}

/** Applies non-overlapping edits (first come, first kept) to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): AppliedEdits {
  const accepted: TextEdit[] = [];
  let skipped = 0;
  for (const edit of edits) {
    const overlaps = accepted.some(
      (other) => edit.start < other.end && other.start < edit.end || (edit.start === other.start && edit.end === edit.start && other.end === other.start),
    );
    if (overlaps) skipped++;
    else accepted.push(edit);
  }
  accepted.sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of accepted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return { text: result, applied: accepted.length, skipped };
}
