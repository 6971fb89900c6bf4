import type { Node } from 'web-tree-sitter';

/**
 * What may stand between two tokens of one expression (`logger . info (`): blanks, line continuations
 * and comments, which end at their line break. For anchors that span several tokens.
 */
export const TOKEN_GAP = String.raw`(?:[\s\\]|#[^\n]*\n)*`;

/** Nodes that open a new scope: code inside them does not run where they are written. */
const SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);

/** The statements of a block, without the comments tree-sitter keeps among them. */
export function statements(block: Node | null | undefined): Node[] {
  return block ? block.namedChildren.filter((child) => child.type !== 'comment') : [];
}

export function blockOf(node: Node): Node | undefined {
  return node.namedChildren.find((child) => child.type === 'block');
}

export interface Handler {
  /** The caught types, tuples flattened: `except (A, B) as e` gives `A` and `B`; none for a bare `except:`. */
  readonly types: readonly Node[];
  /** The name bound by `as`, if any. */
  readonly name?: string;
  readonly body?: Node;
}

/** The parts of an `except` clause (`except X`, `except (X, Y) as e`, `except* X`). */
export function handlerOf(clause: Node): Handler {
  const types: Node[] = [];
  let name: string | undefined;
  for (const value of clause.childrenForFieldName('value')) {
    let type: Node | null = value;
    if (value.type === 'as_pattern') {
      type = value.firstNamedChild;
      name = value.childForFieldName('alias')?.firstNamedChild?.text ?? name;
    }
    while (type?.type === 'parenthesized_expression') type = type.firstNamedChild;
    if (!type) continue;
    if (type.type === 'tuple') types.push(...type.namedChildren.filter((child) => child.type !== 'comment'));
    else types.push(type);
  }
  const body = blockOf(clause);
  return { types, ...(name === undefined ? {} : { name }), ...(body ? { body } : {}) };
}

/** `Exception` or `BaseException` (also spelled `builtins.Exception`). */
export function isBroadException(type: Node): boolean {
  const text = type.type === 'attribute' && type.childForFieldName('object')?.text === 'builtins' ? type.childForFieldName('attribute')?.text : type.text;
  return text === 'Exception' || text === 'BaseException';
}

/** A bare `except:` or one that catches `Exception`/`BaseException`, alone or in a tuple. */
export function isUntypedHandler(handler: Handler): boolean {
  return handler.types.length === 0 || handler.types.some(isBroadException);
}

/** The `except` clause whose body runs `node`, unless a function, class or lambda comes first. */
export function enclosingHandler(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'except_clause') return current;
    if (SCOPES.has(current.type)) return undefined;
  }
  return undefined;
}

/** The innermost function around `node`, if any. */
export function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition') return current;
  }
  return undefined;
}

/**
 * Whether some node under `root` satisfies `test`, not looking into nested functions, classes and
 * lambdas (their code does not run there). Callers pass small roots: a handler's body, a function.
 */
export function someInScope(root: Node, test: (node: Node) => boolean): boolean {
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node !== root && SCOPES.has(node.type)) continue;
    if (test(node)) return true;
    for (let index = node.namedChildCount - 1; index >= 0; index--) {
      const child = node.namedChild(index);
      if (child) stack.push(child);
    }
  }
  return false;
}

/** Logger method names of the standard `logging` API. */
export const LOGGER_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log']);

// Ruff's heuristic (starts with `log`, ends with `logger`/`logging`), plus leading underscores.
const LOGGER_NAME = /^_*(?:log|LOG)|(?:logger|Logger|LOGGER|logging|LOGGING)$/;

/** Whether `receiver` (the `x` of `x.info(...)`) looks like a logger or the `logging` module. */
export function isLoggerReceiver(receiver: Node): boolean {
  switch (receiver.type) {
    case 'identifier':
      return LOGGER_NAME.test(receiver.text);
    case 'attribute':
      return LOGGER_NAME.test(receiver.childForFieldName('attribute')?.text ?? '');
    case 'call':
      return /(?:^|\.)getLogger$/.test(receiver.childForFieldName('function')?.text ?? '');
    default:
      return false;
  }
}

/** `node` without the parentheses around it: `(("a {}" "b").format(x))` gives the call. */
export function unwrapParens(node: Node): Node {
  let inner = node;
  while (inner.type === 'parenthesized_expression' && inner.namedChildCount === 1 && inner.firstNamedChild) inner = inner.firstNamedChild;
  return inner;
}

/** The keyword argument `name=` of a call's argument list, if any. */
export function keywordArgument(args: Node | null | undefined, name: string): Node | undefined {
  if (!args) return undefined;
  for (const child of args.namedChildren) {
    if (child.type === 'keyword_argument' && child.childForFieldName('name')?.text === name) return child.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

/** The positional arguments of an argument list (no keywords, no comments). */
export function positionalArguments(args: Node | null | undefined): Node[] {
  if (!args) return [];
  return args.namedChildren.filter((child) => child.type !== 'keyword_argument' && child.type !== 'comment');
}

/** The prefix letters of a string literal (`f`, `rb`, `Rf`...), lower-cased. */
export function stringPrefix(string: Node): string {
  const start = string.firstChild;
  return start?.type === 'string_start' ? start.text.replace(/["']+$/, '').toLowerCase() : '';
}

export function isFString(string: Node): boolean {
  return string.type === 'string' && stringPrefix(string).includes('f');
}

/** The parts of a string or an implicit concatenation of strings. */
export function stringParts(node: Node): Node[] {
  if (node.type === 'string') return [node];
  if (node.type === 'concatenated_string') return node.namedChildren.filter((child) => child.type === 'string');
  return [];
}

/** A string literal, or an implicit concatenation of them. */
export function isStringLiteral(node: Node): boolean {
  return node.type === 'string' || node.type === 'concatenated_string';
}

/** The text between the quotes of the literal parts of a string (interpolations left out). */
export function literalText(node: Node): string {
  let text = '';
  for (const part of stringParts(node)) {
    for (const child of part.namedChildren) if (child.type === 'string_content') text += child.text;
  }
  return text;
}
