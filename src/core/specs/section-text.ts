import type { SpecSection } from './spec-file';

/** A line of a section's body with its file line; HTML comments blanked, code fence lines marked. */
export interface BodyLine {
  readonly text: string;
  readonly line: number;
  readonly code: boolean;
}

/** One statement of a section: a top-level list item, a table row, or else a paragraph. */
export interface Entry {
  readonly text: string;
  readonly line: number;
}

export function bodyLines(section: SpecSection): BodyLine[] {
  // Comments are the writer's notes, not content: blank them, keeping line numbers.
  const visible = section.body.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => comment.replace(/[^\n]/g, ' '));
  let fence: string | undefined;
  return visible.split('\n').map((text, index) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    const inFence = fence !== undefined;
    if (marker && (fence === undefined || marker.startsWith(fence))) fence = fence === undefined ? marker : undefined;
    return { text, line: section.bodyLine + index, code: inFence || marker !== undefined };
  });
}

/** Whether anything but comments and blank lines is written under the heading. */
export function hasContent(section: SpecSection): boolean {
  return bodyLines(section).some((line) => line.text.trim() !== '');
}

/** The section's visible prose: comments and code blocks left out. */
export function prose(section: SpecSection): string {
  return bodyLines(section)
    .filter((line) => !line.code)
    .map((line) => line.text)
    .join('\n')
    .trim();
}

const ITEM = /^(\s*)(?:[-*+]|\d+[.)])\s+/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Top-level list items (with their nested lines) and table body rows; the paragraphs when there are neither. */
export function entries(section: SpecSection): Entry[] {
  const lines = bodyLines(section).filter((line) => !line.code);
  const items: { text: string[]; line: number }[] = [];
  let topIndent: number | undefined;
  let open: { text: string[]; line: number } | undefined;
  lines.forEach((line, index) => {
    const item = ITEM.exec(line.text);
    const indent = item?.[1]?.length ?? 0;
    if (item && (topIndent === undefined || indent <= topIndent)) {
      topIndent ??= indent;
      open = { text: [line.text.slice(item[0].length)], line: line.line };
      items.push(open);
    } else if (/^\s*\|/.test(line.text)) {
      open = undefined;
      const next = lines[index + 1];
      if (TABLE_SEPARATOR.test(line.text) || (next && TABLE_SEPARATOR.test(next.text))) return;
      items.push({ text: [line.text], line: line.line });
    } else if (line.text.trim() === '') {
      // A blank line ends an item unless the next line is indented under it.
      const next = lines[index + 1];
      if (!next || !/^\s{2,}\S/.test(next.text)) open = undefined;
    } else if (open) open.text.push(line.text.trim());
  });
  if (items.length > 0) return items.map((item) => ({ text: item.text.join('\n').trim(), line: item.line }));
  return paragraphs(lines);
}

function paragraphs(lines: readonly BodyLine[]): Entry[] {
  const found: { text: string[]; line: number }[] = [];
  let current: { text: string[]; line: number } | undefined;
  for (const line of lines) {
    if (line.text.trim() === '') current = undefined;
    else if (current) current.text.push(line.text.trim());
    else {
      current = { text: [line.text.trim()], line: line.line };
      found.push(current);
    }
  }
  return found.map((entry) => ({ text: entry.text.join('\n'), line: entry.line }));
}
