import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../../languages';

// Helpers for queries that pair a name with the literal bound to it.

/** Rust wraps literals in conversions: `"x".to_string()`, `"x".into()`, `String::from("x")`. */
const RUST_CONVERSIONS = new Set(['to_string', 'to_owned', 'into', 'from', 'new']);

/**
 * The literal if it is the bound value itself or, in Rust, wrapped in a conversion to `String`
 * (the query already limits the shapes; here only the method and the arguments are checked).
 */
export function boundLiteral(literal: Node, language: LanguageId): Node | undefined {
  const parent = literal.parent;
  if (language !== 'rust' || !parent) return literal;
  if (parent.type === 'field_expression') {
    const call = parent.parent;
    const method = parent.childForFieldName('field')?.text ?? '';
    return call?.type === 'call_expression' && RUST_CONVERSIONS.has(method) && call.childForFieldName('arguments')?.namedChildCount === 0 ? literal : undefined;
  }
  if (parent.type === 'arguments') {
    const fn = parent.parent?.childForFieldName('function');
    return fn?.type === 'scoped_identifier' && RUST_CONVERSIONS.has(fn.childForFieldName('name')?.text ?? '') ? literal : undefined;
  }
  return literal;
}

/**
 * Go pairs names and values by position (`user, pass := "u", "p"`); the query captures every
 * name with every literal, so only pairs at the same position are bindings.
 */
export function goPositionsAgree(name: Node, literal: Node): boolean {
  const values = literal.parent;
  if (values?.type !== 'expression_list') return true;
  const valueIndex = indexAmong(values.namedChildren, literal);
  let element: Node = name;
  while (element.parent && element.parent.type !== 'expression_list' && element.parent.type !== 'const_spec' && element.parent.type !== 'var_spec') {
    element = element.parent;
  }
  const holder = element.parent;
  if (!holder) return false;
  const names = holder.type === 'expression_list' ? holder.namedChildren : holder.childrenForFieldName('name');
  return indexAmong(names, element) === valueIndex && names.length === values.namedChildCount;
}

function indexAmong(nodes: readonly (Node | null)[], target: Node): number {
  return nodes.findIndex((node) => node !== null && node.startIndex === target.startIndex && node.endIndex === target.endIndex);
}
