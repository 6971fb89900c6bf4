import { fromMarkdown } from 'mdast-util-from-markdown';
import { sectionKeyOf, type SectionKey } from './sections';

type MdRoot = ReturnType<typeof fromMarkdown>;
export type MdNode = MdRoot['children'][number];

/** A node's place in the whole file: offsets and one-based lines. */
export interface Place {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly endLine: number;
}

/** A level-1/2 heading and everything up to the next one. */
export interface OutlineBlock {
  readonly title: string;
  readonly key: SectionKey | undefined;
  readonly heading: Place;
  /** From the heading's first character to the next block's heading (or the end of the file). */
  readonly start: number;
  readonly end: number;
  /** The top-level Markdown nodes after the heading, in this block. */
  readonly nodes: readonly MdNode[];
}

export interface Outline {
  /** The first level-1 heading when it comes before every section: the spec's title. */
  readonly title: { text: string; line: number; end: number } | undefined;
  /** Where the body starts and where the first block starts (the preamble: title and summary). */
  readonly bodyStart: number;
  readonly preambleEnd: number;
  readonly blocks: readonly OutlineBlock[];
  place(node: MdNode): Place;
}

/**
 * Splits the body at its level-1/2 headings, found by a real Markdown parser (a `## ` inside a code
 * fence is not a heading), keeping file offsets so callers slice the original text, never a re-print.
 */
export function outline(text: string, bodyStart: number, bodyLine: number): Outline {
  const body = text.slice(bodyStart);
  const root = fromMarkdown(body);
  const place = (node: MdNode): Place => ({
    start: bodyStart + (node.position?.start.offset ?? 0),
    end: bodyStart + (node.position?.end.offset ?? 0),
    line: bodyLine - 1 + (node.position?.start.line ?? 1),
    endLine: bodyLine - 1 + (node.position?.end.line ?? 1),
  });

  let title: Outline['title'];
  const starts: { node: MdNode; title: string; index: number }[] = [];
  root.children.forEach((node, index) => {
    if (node.type !== 'heading' || node.depth > 2) return;
    const where = place(node);
    const heading = headingText(text.slice(where.start, where.end));
    if (node.depth === 1 && starts.length === 0 && title === undefined && sectionKeyOf(heading) === undefined) {
      title = { text: headingSource(text.slice(where.start, where.end)), line: where.line, end: where.end };
      return;
    }
    starts.push({ node, title: heading, index });
  });

  const blocks = starts.map((start, position): OutlineBlock => {
    const next = starts[position + 1];
    const heading = place(start.node);
    return {
      title: start.title,
      key: sectionKeyOf(start.title),
      heading,
      start: heading.start,
      end: next ? place(next.node).start : text.length,
      nodes: root.children.slice(start.index + 1, next ? next.index : root.children.length),
    };
  });
  const first = blocks[0];
  return { title, bodyStart, preambleEnd: first ? first.start : text.length, blocks, place };
}

/** The plain text of a heading's source: markers, closing hashes, emphasis and code ticks removed. */
export function headingText(source: string): string {
  return stripInline(headingSource(source));
}

/** A heading's Markdown without its `#` markers, inline markup kept. */
export function headingSource(source: string): string {
  const firstLine = source.split(/\r?\n/)[0] ?? '';
  return firstLine.replace(/^\s{0,3}#{1,6}(?:\s+|$)/, '').replace(/\s+#+\s*$/, '').trim();
}

export function stripInline(text: string): string {
  return text.replace(/(\*\*|__|`)/g, '').trim();
}
