import type { Node } from 'web-tree-sitter';
import type { Span } from './shift';
import { LANGUAGES, type LanguageId } from '../languages';
import { FUNCTOOLS_FROM_IMPORT } from '../pack/python/method-lru-cache';
import { CONTEXT_TRAIT } from '../pack/rust/panicking-call';

// What lets an edit be linted by region. Every built-in rule runs at its anchors and its predicate
// reads the match, its ancestors and the enclosing function; a few read the whole file (listed
// below). So an edit inside a function (or a comment, or a TS type declaration) re-runs the matches
// rooted in that node and at its ancestors, and keeps the others, unless the edit touches what a
// rule reads file-wide; then the whole file is linted again. A rule added later that reads more
// must say so here, or the differential test (test/unit/incremental) should catch it.

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
 * Declarations of types and enums, which no rule reads outside themselves: an edit inside one is
 * linted like one inside a function body.
 */
const TYPE_ONLY: Record<LanguageId, ReadonlySet<string>> = {
  python: new Set(),
  typescript: new Set(['interface_declaration', 'type_alias_declaration', 'enum_declaration']),
  tsx: new Set(['interface_declaration', 'type_alias_declaration', 'enum_declaration']),
  javascript: new Set(),
  go: new Set(),
  rust: new Set(),
};

/**
 * Functions whose signature may change too: nothing outside reads a Python function's name or
 * parameters (only `def open`, watched by FILE_WIDE), nor a JS method's or function expression's.
 * A JS function declaration's name is a binding of the enclosing block, which js/sql-injection reads.
 */
const WHOLE: Record<LanguageId, ReadonlySet<string>> = {
  python: new Set(['function_definition']),
  typescript: new Set(['method_definition', 'arrow_function', 'function_expression', 'generator_function']),
  tsx: new Set(['method_definition', 'arrow_function', 'function_expression', 'generator_function']),
  javascript: new Set(['method_definition', 'arrow_function', 'function_expression', 'generator_function']),
  go: new Set(),
  rust: new Set(),
};

/** Python's body starts at its first statement; the others' at their opening brace, which must stay. */
const BRACED: Record<LanguageId, boolean> = { python: false, typescript: true, tsx: true, javascript: true, go: true, rust: true };

/**
 * Changed lines (before or after the edit) that a rule reads from the whole file:
 * - python: `open` bound or imported anywhere (py/open-without-with);
 * - js: `console` bound in an enclosing scope (js/console: its whole-file MAY_BIND_CONSOLE test only
 *   skips the scope walk where no binding can exist, so the walk alone decides, and it reads only
 *   declarations that name `console`);
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
  // A line led by a keyword (`return err`) is no field: fields are looked up by selector names.
  go: /^[ \t]*(?!(?:return|goto|break|continue|case|default|go|defer|else|package|import|var|const|type|func|select|switch|for|if|range)\b)\w+(?:[ \t]*,[ \t]*\w+)*[ \t]+\*?[A-Za-z_][\w.]*[ \t]*(?:`[^`\n]*`)?[ \t]*(?:\/\/.*)?$|^[ \t]*\*?\w+\.\w+[ \t]*(?:`[^`\n]*`)?[ \t]*(?:\/\/.*)?$|\bstruct\b|\binterface\b|^func|`|\/\*|\*\//m,
};

/** Whether an edit's changed lines, as they were or as they are, touch what a rule reads file-wide. */
export function touchesFileWide(language: LanguageId, lines: readonly string[]): boolean {
  const pattern = FILE_WIDE[language];
  return lines.some((text) => pattern.test(text));
}

/**
 * What rules read from the whole text, cheap to compare: when it differs after an edit, every
 * finding may change. Undefined for a file that is always linted whole: a PEM private key's body is
 * read in the 600 characters after its literal (sec/hardcoded-secret), wherever they are.
 */
export function fileKey(language: LanguageId, text: string): string | undefined {
  if (text.includes('PRIVATE KEY')) return undefined;
  switch (language) {
    case 'python':
      // py/method-lru-cache reads functools imports anywhere in the text, indented ones and names on
      // lines of their own inside parentheses included: the imports themselves are the key.
      return text.includes('functools') ? functoolsImports(text) : '';
    case 'rust':
      // The trait comes from anyhow or eyre: without their names the expression cannot match.
      return (text.includes('anyhow') || text.includes('eyre')) && CONTEXT_TRAIT.test(text) ? 'context' : '';
    default:
      return '';
  }
}

/** The functools imports and aliases (`import functools as ft`) of a Python text, as they are written. */
function functoolsImports(text: string): string {
  const names = [...text.matchAll(new RegExp(FUNCTOOLS_FROM_IMPORT))].map((found) => found[1] ?? '');
  const aliases = [...text.matchAll(/^[ \t]*import[ \t]+functools\b.*$/gm)].map((found) => found[0]);
  return `functools|${names.join('|')}|${aliases.join('|')}`;
}

/**
 * The region to lint again for a change of `[start, end]` (the edits' text, `edited`, and what
 * tree-sitter parsed differently around it): the outermost (or, where INNERMOST says, the innermost)
 * function whose body holds it, or the comment or type-only declaration that does, with its
 * ancestors up to the root; none when the change is elsewhere (module level, a signature, a class
 * member list), where a rule may read it from anywhere.
 */
export function enclosingRegion(language: LanguageId, root: Node, text: string, start: number, end: number, edited: Span = { start, end }): { node: Node; ancestors: Node[] } | undefined {
  const functions = FUNCTIONS[language];
  const braced = BRACED[language];
  // Blank text holds no node: the edit's span without it finds the same region, or a smaller one.
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  const smallest = root.descendantForIndex(start, end);
  if (!smallest) return undefined;
  // Root first. Every `parent` is a walk down from the root, so the chain is walked down once.
  const chain = chainTo(root, smallest);
  const ancestorsAt = (index: number): Node[] => chain.slice(0, index).reverse();
  // A comment holds no match; suppression directives in it are read again for every lint. Doc
  // comments have parts of their own (Rust's `///` marker and text).
  for (let index = chain.length - 1; index >= 0 && index >= chain.length - 3; index--) {
    const node = chain[index];
    if (node && LANGUAGES[language].commentTypes.includes(node.type)) return { node, ancestors: ancestorsAt(index) };
  }
  let fn: number | undefined;
  for (let index = chain.length - 1; index >= 0; index--) {
    const node = chain[index];
    if (!node) continue;
    if (fn === undefined && TYPE_ONLY[language].has(node.type)) return { node, ancestors: ancestorsAt(index) };
    if (!functions.has(node.type)) continue;
    const whole = WHOLE[language].has(node.type);
    const body = whole ? node : node.childForFieldName('body');
    if (!body) continue;
    // A braced body keeps its braces (the edits stay inside them; tree-sitter may report the block
    // itself as parsed differently); an indented one begins at its first statement and ends at its
    // last, so blank text around counts as inside.
    const inside =
      braced && !whole
        ? body.startIndex < edited.start && edited.end < body.endIndex && body.startIndex <= start && end <= body.endIndex
        : (body.startIndex <= start || (start > node.startIndex && text.slice(start, body.startIndex).trim() === '')) &&
          (end <= body.endIndex || (!braced && text.slice(body.endIndex, end).trim() === ''));
    if (inside) {
      fn = index;
      if (INNERMOST[language]) break;
    }
  }
  const node = fn === undefined ? undefined : chain[fn];
  return fn !== undefined && node ? { node, ancestors: ancestorsAt(fn) } : undefined;
}

/** `node` and its ancestors, root first, found walking down from `root`. */
function chainTo(root: Node, node: Node): Node[] {
  const chain: Node[] = [];
  for (let current: Node | null = root; current; current = current.childWithDescendant(node)) {
    chain.push(current);
    if (current.id === node.id) return chain;
  }
  // Not reached from the root (no such tree): walk up instead.
  const up = [node];
  for (let current = node.parent; current; current = current.parent) up.push(current);
  return up.reverse();
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
