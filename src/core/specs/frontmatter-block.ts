import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

/** Where the YAML between the `---` fences sits in the file. */
export interface FrontmatterBlock {
  /** Offset of the first YAML character (the line after the opening fence). */
  readonly yamlStart: number;
  /** Offset of the closing fence line. */
  readonly yamlEnd: number;
  readonly yaml: string;
  /** Offset and one-based line of the first body line (after the closing fence). */
  readonly bodyStart: number;
  readonly bodyLine: number;
}

export type FrontmatterSplit = { ok: true; block: FrontmatterBlock } | { ok: false; line: number; message: string };

const FENCE = /^(?:\uFEFF)?---[ \t]*\r?$/;

/** Finds the frontmatter fences without touching the text, so offsets stay the file's own. */
export function splitFrontmatter(text: string): FrontmatterSplit {
  const firstEnd = lineEnd(text, 0);
  if (!FENCE.test(text.slice(0, firstEnd))) {
    return { ok: false, line: 1, message: 'expected YAML frontmatter: the file must start with a line "---"' };
  }
  let start = nextLine(text, firstEnd);
  let line = 2;
  const yamlStart = start;
  while (start < text.length) {
    const end = lineEnd(text, start);
    if (FENCE.test(text.slice(start, end))) {
      const bodyStart = nextLine(text, end);
      return { ok: true, block: { yamlStart, yamlEnd: start, yaml: text.slice(yamlStart, start), bodyStart, bodyLine: line + 1 } };
    }
    start = nextLine(text, end);
    line += 1;
  }
  return { ok: false, line: 1, message: 'the frontmatter is not closed: add a line "---" after it' };
}

/** The parsed frontmatter with a way back from YAML offsets to file lines. */
export interface ParsedFrontmatter {
  readonly block: FrontmatterBlock;
  readonly document: Document.Parsed;
  /** One-based file line of an offset inside the YAML text. */
  fileLine(yamlOffset: number): number;
}

export function parseFrontmatterBlock(block: FrontmatterBlock): ParsedFrontmatter {
  const counter = new LineCounter();
  const document = parseDocument(block.yaml, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  return { block, document, fileLine: (offset) => counter.linePos(offset).line + 1 };
}

/** A top-level `key: value` pair and the YAML range it covers, key to end of value. */
export interface TopLevelPair {
  readonly key: string;
  readonly start: number;
  readonly valueEnd: number;
  /** The value is a scalar written on the key's own line (`status: draft # note`). */
  readonly inline: boolean;
}

/** Top-level pairs of a block map; undefined when the root is a flow map or not a map at all. */
export function topLevelPairs(yaml: string, document: Document.Parsed): TopLevelPair[] | undefined {
  const root = document.contents;
  if (root === null) return [];
  if (!isMap(root) || root.flow) return undefined;
  const pairs: TopLevelPair[] = [];
  for (const pair of root.items) {
    if (!isScalar(pair.key) || !pair.key.range) return undefined;
    const keyEnd = pair.key.range[1];
    const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
    const valueEnd = Math.max(keyEnd, valueRange?.[1] ?? keyEnd);
    const inline = isScalar(pair.value) && !yaml.slice(pair.key.range[0], valueEnd).includes('\n');
    pairs.push({ key: String(pair.key.value), start: pair.key.range[0], valueEnd, inline });
  }
  return pairs;
}

/** The whole lines a pair occupies: from its key's line start to the end of its value's last line (newline included). */
export function pairLines(yaml: string, pair: TopLevelPair): { start: number; end: number } {
  const start = yaml.lastIndexOf('\n', pair.start - 1) + 1;
  const last = Math.max(pair.start, pair.valueEnd - 1);
  return { start, end: nextLine(yaml, lineEnd(yaml, last)) };
}

/** Offset of the line break (or text end) ending the line that holds `offset`. */
function lineEnd(text: string, offset: number): number {
  const index = text.indexOf('\n', offset);
  return index < 0 ? text.length : index;
}

function nextLine(text: string, end: number): number {
  return end < text.length ? end + 1 : end;
}
