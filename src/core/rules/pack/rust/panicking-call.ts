import type { Node } from 'web-tree-sitter';
import { KeyedMemo } from '../../memo';
import type { FileContext, Fix, RuleMatch } from '../../rule';
import { inConstContext, inMacroArguments, inTestOnlyCode } from './context';
import { questionMarkTarget, receiverKind, replaceCallSuffix } from './question-mark';

// Shared by rs/unwrap-used and rs/expect-used: the predicate for both query shapes (a method call,
// tokens inside a macro call) and the `?` fix. The queries capture only the method name.

/** How many arguments the method takes besides its receiver: `unwrap()` none, `expect(msg)` one. */
export type Arity = 0 | 1;

/** The pieces around a captured method name. */
interface MethodCall {
  /** `x.unwrap()`; absent inside macro tokens. */
  readonly call?: Node;
  readonly receiver?: Node;
  /** `arguments` of a call, or the `( .. )` token tree after the name inside macro tokens. */
  readonly args: Node;
}

function methodCall(method: Node): MethodCall | undefined {
  const parent = method.parent;
  if (parent?.type === 'token_tree') {
    const args = method.nextNamedSibling;
    return args?.type === 'token_tree' ? { args } : undefined;
  }
  const call = parent?.parent;
  const args = call?.childForFieldName('arguments');
  const receiver = parent?.childForFieldName('value');
  return call && args && receiver ? { call, receiver, args } : undefined;
}

const declaresOwnMethod = new KeyedMemo<FileContext, string, boolean>();

/**
 * A file that declares `fn unwrap` has its own type with that method (a wrapper, a parser
 * result); its calls are probably that one, which clippy does not report either.
 */
function fileDeclaresMethod(file: FileContext, name: string): boolean {
  return declaresOwnMethod.get(file, name, () => new RegExp(`\\bfn\\s+${name}\\s*[<(]`).test(file.text));
}

function hasTokens(args: Node): boolean {
  return args.namedChildren.some((child) => child !== null && child.type !== 'line_comment' && child.type !== 'block_comment');
}

export function panickingCallPredicate(arity: Arity): (match: RuleMatch) => boolean {
  return (match) => {
    const method = match.node;
    const parts = methodCall(method);
    if (!parts) return false;
    if (!parts.call) {
      // Raw tokens: `(` then nothing, or then something, is all that can be said about arguments.
      if (parts.args.firstChild?.type !== '(' || hasTokens(parts.args) !== arity > 0) return false;
      if (!inMacroArguments(method)) return false;
    }
    if (arity === 1 && !messageLike(parts.args)) return false;
    if (fileDeclaresMethod(match.file, method.text) && !surelyStd(parts)) return false;
    if (inConstContext(method) || inAttribute(method)) return false;
    return !inTestOnlyCode(method, match.file);
  };
}

/** A constant's name: `INTERNAL_ERROR_MSG`, `errors::MSG`. */
const SCREAMING = /^[A-Z][A-Z0-9_]*$/;

/** `Token::Comma`, `'='`, `3`, `Kind::Ident(..)` open the arguments of a parser's own `expect`. */
const NOT_A_MESSAGE_TOKENS = /^\(\s*(?:[A-Z]\w*[a-z]\w*\s*::|'|b'|\d)/;

/**
 * `Option::expect` and `Result::expect` take a `&str`: a literal, `&format!(..)`, a constant, a
 * variable. A path to a variant, a character or a number is a parser's `expect(Token::Comma)`.
 */
function messageLike(args: Node): boolean {
  if (args.type === 'token_tree') return !NOT_A_MESSAGE_TOKENS.test(args.text);
  const message = args.namedChildren.find((child) => child !== null && child.type !== 'line_comment' && child.type !== 'block_comment');
  switch (message?.type) {
    case 'string_literal':
    case 'raw_string_literal':
    case 'identifier':
    case 'field_expression':
    case 'reference_expression':
    case 'macro_invocation':
    case 'index_expression':
      return true;
    case 'scoped_identifier':
      return SCREAMING.test(message.childForFieldName('name')?.text ?? '');
    case 'call_expression':
      return message.childForFieldName('function')?.type === 'field_expression';
    default:
      return false;
  }
}

/**
 * In a file with its own `fn unwrap`/`fn expect`, a call is std's only when it says so: with a
 * message literal, or on a receiver whose producer gives an `Option` or `Result` (`.pop()`,
 * `.checked_sub(..)`, `.parse()`).
 */
function surelyStd(parts: MethodCall): boolean {
  if (/^\(\s*r?#*"/.test(parts.args.text)) return true;
  return parts.receiver !== undefined && receiverKind(parts.receiver) !== 'unknown';
}

function inAttribute(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'attribute_item' || current.type === 'inner_attribute_item') return true;
    if (current.type === 'block' || current.type === 'function_item') return false;
  }
  return false;
}

/** `use anyhow::Context`, `use anyhow::{bail, Context}`, `use eyre::WrapErr`-style imports of a `.context()` trait. */
export const CONTEXT_TRAIT = /\buse\s+(?:anyhow|eyre|color_eyre::eyre)::(?:\{[^}]*\b(?:Context|ContextCompat)\b[^}]*\}|(?:Context|ContextCompat)\b)/;

/**
 * `x.unwrap()` becomes `x?` where the enclosing `fn` (or closure with a declared return type)
 * returns `Result` or `Option` and the receiver's guessed type fits; a `Result` receiver in an
 * `Option` function becomes `x.ok()?`. `expect("msg")` keeps its message as `.context("msg")?` when
 * the file already imports anyhow's `Context`. Never safe: the panic becomes an early return, and
 * the error type may not convert into the function's (which the compiler then says).
 */
export function questionMarkFix(match: RuleMatch): Fix | undefined {
  const method = match.node;
  const parts = methodCall(method);
  const call = parts?.call;
  const receiver = parts?.receiver;
  if (!parts || !call || !receiver || method.text.endsWith('_err')) return undefined;
  const target = questionMarkTarget(call);
  const kind = receiverKind(receiver);
  if (target === 'unknown' || kind === 'poisoning') return undefined;
  const what = method.text === 'expect' ? '`.expect(..)`' : '`.unwrap()`';
  if (target === 'option') {
    const suffix = kind === 'result' ? '.ok()?' : '?';
    return {
      title: `Replace ${what} with \`${suffix}\` (returns \`None\` to the caller)`,
      safe: false,
      edits: [replaceCallSuffix(call, receiver, match.file.text, suffix)],
    };
  }
  const message = parts.args.namedChildren.find((child) => child?.type === 'string_literal' || child?.type === 'raw_string_literal');
  // anyhow's `Context` covers `Option` too, so this one needs no guess about the receiver.
  if (method.text === 'expect' && message && CONTEXT_TRAIT.test(match.file.text)) {
    return {
      title: 'Replace `.expect(..)` with `.context(..)?` (returns the error to the caller)',
      safe: false,
      edits: [
        { start: method.startIndex, end: method.endIndex, newText: 'context' },
        { start: call.endIndex, end: call.endIndex, newText: '?' },
      ],
    };
  }
  if (kind === 'option') return undefined;
  return {
    title: `Replace ${what} with \`?\` (returns the error to the caller${method.text === 'expect' ? '; drops the message' : ''})`,
    safe: false,
    edits: [replaceCallSuffix(call, receiver, match.file.text, '?')],
  };
}
