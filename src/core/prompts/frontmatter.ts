import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';

export interface Frontmatter {
  /** The parsed YAML value (not yet validated). */
  readonly data: unknown;
  /** One-based file line of each top-level key, and of each key inside a top-level map (`inputs.task`). */
  readonly keyLines: ReadonlyMap<string, number>;
  /** One-based file line of the first frontmatter line and of the first body line. */
  readonly startLine: number;
  readonly bodyLine: number;
  readonly body: string;
}

export type FrontmatterResult = { ok: true; frontmatter: Frontmatter } | { ok: false; line: number; message: string };

const FENCE = /^---[ \t]*$/;

/** Splits `---\n<yaml>\n---\n<body>` and parses the YAML, keeping each key's line for error messages. */
export function readFrontmatter(text: string): FrontmatterResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return { ok: false, line: 1, message: 'expected YAML frontmatter: the file must start with a line "---"' };
  const end = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (end < 0) return { ok: false, line: 1, message: 'the frontmatter is not closed: add a line "---" after it' };
  const yamlText = lines.slice(1, end).join('\n');
  const counter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const fileLine = (offset: number): number => counter.linePos(offset).line + 1;
  const [error] = document.errors;
  if (error) return { ok: false, line: fileLine(error.pos[0]), message: `invalid YAML: ${yamlMessage(error.message)}` };

  const keyLines = new Map<string, number>();
  const root = document.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const key = String(pair.key.value);
      keyLines.set(key, fileLine(pair.key.range[0]));
      if (!isMap(pair.value)) continue;
      for (const inner of pair.value.items) {
        if (isScalar(inner.key) && inner.key.range) keyLines.set(`${key}.${String(inner.key.value)}`, fileLine(inner.key.range[0]));
      }
    }
  }
  return {
    ok: true,
    frontmatter: { data: document.toJS() as unknown, keyLines, startLine: 2, bodyLine: end + 2, body: lines.slice(end + 1).join('\n') },
  };
}

/** The yaml package's first message line, without its own position (relative to the YAML, not the file). */
function yamlMessage(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
