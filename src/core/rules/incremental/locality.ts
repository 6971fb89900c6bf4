import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../languages';
import { MAY_BIND_CONSOLE } from '../pack/js/console';
import { CONTEXT_TRAIT } from '../pack/rust/panicking-call';

// What lets an edit be linted by region. Every built-in rule runs at its anchors and its predicate
// reads the match, its ancestors and the enclosing function; a few read the whole file (listed
// below). So an edit inside a function body re-runs the matches rooted in the outermost function
// around it and at that function's ancestors, and keeps the others, unless the edit touches what a
// rule reads file-wide; then the whole file is linted again.

/** Nodes whose body is a scope of their own, per language. */
const FUNCTIONS: Record<LanguageId, ReadonlySet<string>> = {
  python: new Set(['function_definition']),
  typescript: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function']),
  tsx: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function']),
  javascript: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function']),
  go: new Set(['function_declaration', 'method_declaration', 'func_literal']),
  rust: new Set(['function_item', 'closure_expression']),
};

/** Python's body starts at its first statement; the others' at their opening brace, which must stay. */
const BRACED: Record<LanguageId, boolean> = { python: false, typescript: true, tsx: true, javascript: true, go: true, rust: true };

/**
 * Changed lines (before or after the edit) that a rule reads from the whole file:
 * - python: `open` bound or imported anywhere (py/open-without-with);
 * - js: `console` bound anywhere (js/console; the whole-file test is in `fileKey`);
 * - rust: `fn <name>` declared anywhere, `use ...Context` (rs/unwrap-used, rs/expect-used);
 * - go: struct fields and type declarations found by text (`name Type` lines, `struct {`, `interface {`),
 *   top-level `func` lines (package facts), and raw strings or block comments that hide them.
 */
const FILE_WIDE: Record<LanguageId, RegExp> = {
  python: /\bopen\b/,
  typescript: /\bconsole\b/,
  tsx: /\bconsole\b/,
  javascript: /\bconsole\b/,
  rust: /\bfn\b|\buse\b|Context/,
  go: /^[ \t]*\w+(?:[ \t]*,[ \t]*\w+)*[ \t]+\*?[A-Za-z_][\w.]*[ \t]*(?:`[^`\n]*`)?[ \t]*(?:\/\/.*)?$|^[ \t]*\*?\w+\.\w+[ \t]*(?:`[^`\n]*`)?[ \t]*(?:\/\/.*)?$|\bstruct\b|\binterface\b|^func|`|\/\*|\*\//m,
};

/** Whether an edit's changed lines, as they were or as they are, touch what a rule reads file-wide. */
export function touchesFileWide(language: LanguageId, lines: readonly string[]): boolean {
  const pattern = FILE_WIDE[language];
  return lines.some((text) => pattern.test(text));
}

/**
 * What rules read from the whole text, cheap to compare: when it differs after an edit, every
 * finding may change. A PEM private key's body is read in the 600 characters after its literal
 * (sec/hardcoded-secret), so a file holding one is always linted whole.
 */
export function fileKey(language: LanguageId, text: string): string {
  if (text.includes('PRIVATE KEY')) return `pem:${text.length}`;
  switch (language) {
    case 'typescript':
    case 'tsx':
    case 'javascript':
      return text.includes('console') && MAY_BIND_CONSOLE.test(text) ? 'binds-console' : '';
    case 'rust':
      return text.includes('Context') && CONTEXT_TRAIT.test(text) ? 'context' : '';
    default:
      return '';
  }
}

/**
 * The outermost function whose body holds `[start, end]`, and its ancestors up to the root; none
 * when the span is outside every function body (module level, a signature, a class member list).
 */
export function enclosingFunction(language: LanguageId, root: Node, start: number, end: number): { fn: Node; ancestors: Node[] } | undefined {
  const functions = FUNCTIONS[language];
  const braced = BRACED[language];
  let fn: Node | undefined;
  const above: Node[] = [];
  for (let node: Node | null = root.descendantForIndex(start, end); node; node = node.parent) {
    if (fn) above.push(node);
    if (!functions.has(node.type)) continue;
    const body = node.childForFieldName('body');
    if (!body) continue;
    const inside = braced ? body.startIndex < start && end < body.endIndex : body.startIndex <= start && end <= body.endIndex;
    if (inside) {
      fn = node;
      above.length = 0;
    }
  }
  return fn ? { fn, ancestors: above } : undefined;
}
