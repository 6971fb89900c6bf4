import type { Node } from 'web-tree-sitter';

// String literals across the six grammars: python `string`, JS/TS `string` and `template_string`,
// Go `interpreted_string_literal` and `raw_string_literal`, Rust `string_literal` and
// `raw_string_literal`. Their content nodes (`string_content`, `string_fragment`,
// `*_literal_content`) are what the queries test with `#match?`.

const LITERAL_TYPES = new Set(['string', 'template_string', 'interpreted_string_literal', 'raw_string_literal', 'string_literal']);

/** The literal a content node belongs to (itself when it is one). */
export function literalOf(node: Node): Node {
  for (let current: Node | null = node; current; current = current.parent) {
    if (LITERAL_TYPES.has(current.type)) return current;
  }
  return node;
}

/** Parts of a literal that are code, not text: f-string braces, `${...}` substitutions. */
export function isInterpolated(literal: Node): boolean {
  return literal.namedChildren.some((child) => child?.type === 'interpolation' || child?.type === 'template_substitution');
}

/**
 * The literal's source text between its delimiters, escapes left as written. The delimiters are
 * the first and last children when they are anonymous tokens (`"`, `b"`, `'''`, a backtick);
 * Rust raw strings keep theirs outside their one `string_content` child.
 */
export function literalBody(literal: Node, text: string): string {
  const first = literal.firstChild;
  const last = literal.lastChild;
  if (first && last && first !== last && !isContent(first) && !isContent(last)) return text.slice(first.endIndex, last.startIndex);
  const content = literal.namedChildren.filter((child): child is Node => child !== null && isContent(child));
  const start = content[0];
  const end = content.at(-1);
  return start && end ? text.slice(start.startIndex, end.endIndex) : '';
}

function isContent(node: Node): boolean {
  return node.type === 'string_content' || node.type === 'string_fragment' || node.type.endsWith('_literal_content');
}

/** The text a name node stands for: an identifier as is, a quoted key without its quotes. */
export function nameText(node: Node, text: string): string {
  return LITERAL_TYPES.has(node.type) ? literalBody(node, text) : node.text;
}
