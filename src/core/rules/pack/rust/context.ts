import type { Node } from 'web-tree-sitter';
import type { FileContext, RuleMatch } from '../../rule';

// Where a Rust node sits, as far as the syntax tells: test-only code, constant evaluation, and
// macro token trees. Only ancestors and item siblings are read.

/**
 * Test-only code: test module files, a file-wide `#![cfg(test)]`, `#[cfg(test)]` / `#[cfg(all(test, ..))]`
 * on any item, test functions. Clippy never sees this code without `--tests`.
 */
export function inTestOnlyCode(node: Node, file: FileContext): boolean {
  return file.rolesAt(node).has('test');
}

/** Inside a `const`/`static` initializer or a `const { }` block: a panic there fails the build, not the program. */
export function inConstContext(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case 'const_item':
      case 'static_item':
      case 'const_block':
        return true;
      case 'function_item':
      case 'closure_expression':
        return false;
    }
  }
  return false;
}

/** Macros whose tokens are code for someone else (generated or quoted), never run by this crate. */
const QUOTING_MACROS = new Set(['quote', 'quote_spanned', 'parse_quote', 'parse_quote_spanned', 'macro_rules']);

/**
 * For a node inside a token tree: whether those tokens are arguments of a macro call in ordinary
 * code (`println!("{}", x.unwrap())`, run like any expression) rather than a `macro_rules!` body,
 * an attribute, or quoted code. Clippy reports the former only.
 */
export function inMacroArguments(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case 'token_tree':
        continue;
      case 'macro_invocation': {
        const name = current.childForFieldName('macro');
        const last = name?.type === 'scoped_identifier' ? name.childForFieldName('name') : name;
        return !QUOTING_MACROS.has(last?.text ?? '');
      }
      default:
        return false;
    }
  }
  return false;
}

/**
 * For panicking macros: reported outside test-only code and constant evaluation. Written inside
 * another macro's tokens, only in ordinary macro arguments, and a path before it must be `std`/`core`.
 */
export function panicsAtRunTime(match: RuleMatch): boolean {
  const node = match.node;
  if (node.parent?.type === 'token_tree') {
    if (!inMacroArguments(node)) return false;
    const separator = node.previousSibling;
    if (separator?.type === '::' && !/^(?:std|core)$/.test(separator.previousSibling?.text ?? '')) return false;
  }
  return !inConstContext(node) && !inTestOnlyCode(node, match.file);
}
