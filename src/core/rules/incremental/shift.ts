import type { Edit, Range as TreeRange } from 'web-tree-sitter';
import type { LineIndex } from '../line-index';
import type { RawFinding } from '../lint-pass';
import type { TextEdit } from '../rule';

/** Offsets in the text after every edit. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Where the text or the tree changed, in offsets of the text after every edit: each edit's new text
 * (moved by the edits after it) and the ranges tree-sitter reports as parsed differently; `edited`
 * is the edits' text alone.
 */
export function dirtySpan(edits: readonly Edit[], changed: readonly TreeRange[]): Span & { readonly edited: Span } {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const [index, edit] of edits.entries()) {
    let from = edit.startIndex;
    let to = edit.newEndIndex;
    for (const later of edits.slice(index + 1)) {
      from = from <= later.startIndex ? from : from >= later.oldEndIndex ? from + later.newEndIndex - later.oldEndIndex : later.startIndex;
      to = to < later.startIndex ? to : to >= later.oldEndIndex ? to + later.newEndIndex - later.oldEndIndex : later.newEndIndex;
    }
    start = Math.min(start, from);
    end = Math.max(end, to);
  }
  const edited = { start, end };
  for (const range of changed) {
    start = Math.min(start, range.startIndex);
    end = Math.max(end, range.endIndex);
  }
  return { start, end, edited };
}

/**
 * An offset of the text before `edits` in the text after them; undefined when the edits replaced
 * the character it starts (or, for an end, the one it ends) with.
 */
function moveOffset(offset: number, isEnd: boolean, edits: readonly Edit[]): number | undefined {
  let at = offset;
  for (const edit of edits) {
    const { startIndex: start, oldEndIndex: oldEnd } = edit;
    if (isEnd ? at <= start : at < start) continue;
    if (isEnd ? at > oldEnd : at >= oldEnd) at += edit.newEndIndex - oldEnd;
    else return undefined;
  }
  return at;
}

/** Thrown inside `shiftFindings` when a kept finding reaches into edited text. */
class Touched extends Error {}

/**
 * The findings whose match was rooted outside `region` (offsets after the edits), moved by the
 * edits: offsets, ranges, related locations and fix edits. Undefined when one of them reaches into
 * edited text, which only a full lint can answer for.
 */
export function shiftFindings(raw: readonly RawFinding[], edits: readonly Edit[], region: { start: number; end: number }, lines: LineIndex): RawFinding[] | undefined {
  const move = (offset: number, isEnd: boolean): number => {
    const moved = moveOffset(offset, isEnd, edits);
    if (moved === undefined) throw new Touched();
    return moved;
  };
  const kept: RawFinding[] = [];
  try {
    for (const item of raw) {
      if (!item.root) return undefined;
      const rootStart = moveOffset(item.root[0], false, edits);
      const rootEnd = moveOffset(item.root[1], true, edits);
      // A root the edits reach into lies in the region, which is run again.
      if (rootStart === undefined || rootEnd === undefined || (rootStart < region.end && rootEnd > region.start) || (rootStart >= region.start && rootEnd <= region.end)) continue;
      const { finding } = item;
      const start = move(finding.startOffset, false);
      const end = Math.max(start, move(finding.endOffset, true));
      const related = item.related.map(([from, to]) => [move(from, false), move(to, true)] as const);
      const fix = finding.fix && {
        ...finding.fix,
        edits: finding.fix.edits.map((edit): TextEdit => ({ start: move(edit.start, false), end: move(edit.end, true), newText: edit.newText })),
      };
      kept.push({
        root: [rootStart, rootEnd],
        related,
        finding: {
          ...finding,
          range: lines.range(start, end),
          startOffset: start,
          endOffset: end,
          ...(fix ? { fix } : {}),
          ...(finding.related ? { related: finding.related.map((location, index) => ({ ...location, range: lines.range(...(related[index] ?? [start, end])) })) } : {}),
        },
      });
    }
  } catch (error) {
    if (error instanceof Touched) return undefined;
    throw error;
  }
  return kept;
}
