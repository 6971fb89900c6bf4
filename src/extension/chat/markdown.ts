import { pathToFileURL } from 'node:url';

/**
 * Text from files and models shown inside our own markdown lines: the characters that would start
 * emphasis, code, links, HTML or a table cell are escaped, so it reads as written.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** A markdown link that opens `path` (at a 1-based line, when given) in the editor. */
export function fileLink(label: string, path: string, line?: number): string {
  const url = pathToFileURL(path).href + (line !== undefined ? `#L${line}` : '');
  return `[${escapeMarkdown(label)}](${url})`;
}
