import type { Node } from 'web-tree-sitter';
import { LANGUAGES, type LanguageId } from '../languages';
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

/**
 * Where the region may stop at the innermost function: JavaScript's predicates resolve names up to
 * the nearest function (js/sql-injection) or only for `console` (watched by FILE_WIDE). Python's and
 * Go's read the enclosing top-level function's declarations, Rust's the enclosing item's.
 */
const INNERMOST: Record<LanguageId, boolean> = { python: false, typescript: true, tsx: true, javascript: true, go: false, rust: false };

/**
 * Declarations that only name types, which no rule reads outside themselves: an edit inside one is
 * linted like one inside a function body.
 */
const TYPE_ONLY: Record<LanguageId, ReadonlySet<string>> = {
  python: new Set(),
  typescript: new Set(['interface_declaration', 'type_alias_declaration']),
  tsx: new Set(['interface_declaration', 'type_alias_declaration']),
  javascript: new Set(),
  go: new Set(),
  rust: new Set(),
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
      // The trait comes from anyhow or eyre: without their names the expression cannot match.
      return (text.includes('anyhow') || text.includes('eyre')) && CONTEXT_TRAIT.test(text) ? 'context' : '';
    default:
      return '';
  }
}

/**
 * The region to lint again for an edit of `[start, end]`: the outermost (or, where INNERMOST says,
 * the innermost) function whose body holds it, or the comment or type-only declaration that does,
 * with its ancestors up to the root; none when the edit is elsewhere (module level, a signature,
 * a class member list), where a rule may read it from anywhere.
 */
export function enclosingRegion(language: LanguageId, root: Node, start: number, end: number): { node: Node; ancestors: Node[] } | undefined {
  const functions = FUNCTIONS[language];
  const braced = BRACED[language];
  const smallest = root.descendantForIndex(start, end);
  if (!smallest) return undefined;
  // A comment holds no match; suppression directives in it are read again for every lint.
  const alone = LANGUAGES[language].commentTypes.includes(smallest.type) && smallest.startIndex <= start && end <= smallest.endIndex ? smallest : undefined;
  if (alone) return { node: alone, ancestors: ancestorsOf(alone) };
  let fn: Node | undefined;
  const above: Node[] = [];
  for (let node: Node | null = smallest; node; node = node.parent) {
    if (!fn && TYPE_ONLY[language].has(node.type)) return { node, ancestors: ancestorsOf(node) };
    if (fn) above.push(node);
    if (!functions.has(node.type)) continue;
    const body = node.childForFieldName('body');
    if (!body) continue;
    const inside = braced ? body.startIndex < start && end < body.endIndex : body.startIndex <= start && end <= body.endIndex;
    if (inside) {
      fn = node;
      above.length = 0;
      if (INNERMOST[language]) break;
    }
  }
  if (fn && INNERMOST[language]) return { node: fn, ancestors: ancestorsOf(fn) };
  return fn ? { node: fn, ancestors: above } : undefined;
}

function ancestorsOf(node: Node): Node[] {
  const above: Node[] = [];
  for (let current = node.parent; current; current = current.parent) above.push(current);
  return above;
}
