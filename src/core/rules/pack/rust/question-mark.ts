import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../rule';

// Decides, from the syntax alone, whether `.unwrap()`/`.expect(..)` can become `?`. Types are not
// known, so these are guesses that are right on ordinary code; fixes built on them are never safe.

/** What a `?` written at a node would return from, by the declared return type of its owner. */
export type QuestionMarkTarget = 'result' | 'option' | 'unknown';

/**
 * The nearest `fn` or closure decides: `?` in a closure returns from the closure, so a closure
 * without a declared return type is `unknown`, and so are `async { }` and `try { }` blocks.
 * `async fn` declares its output type, so it counts like any `fn`.
 */
export function questionMarkTarget(node: Node): QuestionMarkTarget {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case 'function_item':
      case 'closure_expression':
        return classifyReturnType(current.childForFieldName('return_type'));
      case 'async_block':
      case 'try_block':
      case 'token_tree':
      case 'const_item':
      case 'static_item':
      case 'const_block':
        return 'unknown';
    }
  }
  return 'unknown';
}

/** `Result<T, E>`, `io::Result<T>`, `fmt::Result`, `ParseResult<T>` (aliases end in `Result`), `Option<T>`. */
export function classifyReturnType(type: Node | null): QuestionMarkTarget {
  if (!type) return 'unknown';
  const base = type.type === 'generic_type' ? type.childForFieldName('type') : type;
  if (!base) return 'unknown';
  const name = base.type === 'scoped_type_identifier' ? base.childForFieldName('name')?.text : base.type === 'type_identifier' ? base.text : undefined;
  if (name === 'Option' && type.type === 'generic_type') return 'option';
  if (name !== undefined && /Result$/.test(name)) return 'result';
  return 'unknown';
}

/** Methods that return `Option` on the std types they are usually called on. */
const OPTION_METHODS = new Set([
  'get', 'get_mut', 'first', 'last', 'first_mut', 'last_mut', 'next', 'next_back', 'nth', 'peek', 'pop', 'pop_front',
  'pop_back', 'pop_first', 'pop_last', 'front', 'back', 'find', 'find_map', 'position', 'rposition', 'max', 'min',
  'max_by', 'min_by', 'max_by_key', 'min_by_key', 'reduce', 'strip_prefix', 'strip_suffix', 'split_once',
  'rsplit_once', 'split_first', 'split_last', 'parent', 'file_name', 'file_stem', 'extension', 'to_str', 'upgrade',
  'to_digit', 'checked_add', 'checked_sub', 'checked_mul', 'checked_div', 'checked_rem', 'checked_neg',
  'checked_shl', 'checked_shr', 'checked_pow', 'captures', 'take', 'as_deref', 'last_key_value', 'first_key_value',
  'var_os', 'from_u32', 'from_digit',
]);

/** Methods and associated functions that return `Result`. */
const RESULT_METHODS = new Set([
  'parse', 'try_into', 'try_from', 'from_str', 'from_str_radix', 'from_utf8', 'open', 'create', 'read_to_string',
  'read_dir', 'metadata', 'canonicalize', 'read_link', 'var', 'current_dir', 'current_exe', 'from_reader',
  'from_slice', 'to_string_pretty', 'to_vec', 'duration_since', 'elapsed', 'recv', 'try_recv', 'bind', 'connect',
  'accept', 'local_addr', 'peer_addr',
]);

/**
 * Their error types rarely convert into the caller's: `PoisonError<MutexGuard<'_, T>>` borrows the
 * lock, a thread's `join` error is `Box<dyn Any + Send>`. `.lock().unwrap()` is the idiom there.
 */
const NON_CONVERTING = new Set(['lock', 'read', 'write', 'try_lock', 'try_read', 'try_write', 'join', 'into_inner']);

export type ReceiverKind = 'result' | 'option' | 'poisoning' | 'unknown';

/** Guesses the receiver's type from the call that produced it (`s.parse()`, `v.first()`, `File::open(p)`). */
export function receiverKind(receiver: Node): ReceiverKind {
  const name = producerName(receiver);
  if (name === undefined) return 'unknown';
  if (NON_CONVERTING.has(name)) return 'poisoning';
  if (OPTION_METHODS.has(name)) return 'option';
  if (RESULT_METHODS.has(name)) return 'result';
  return 'unknown';
}

function producerName(receiver: Node): string | undefined {
  let expression = receiver;
  if (expression.type === 'await_expression') return undefined;
  if (expression.type !== 'call_expression') return undefined;
  let callee = expression.childForFieldName('function');
  if (callee?.type === 'generic_function') callee = callee.childForFieldName('function');
  if (!callee) return undefined;
  if (callee.type === 'field_expression') return callee.childForFieldName('field')?.text;
  if (callee.type === 'scoped_identifier' || callee.type === 'identifier') {
    return (callee.type === 'scoped_identifier' ? callee.childForFieldName('name') : callee)?.text;
  }
  return undefined;
}

/**
 * Replaces `<receiver>.unwrap()` (the method and its arguments) with `<receiver>` + `suffix`. Starts
 * right after the receiver so `foo\n    .unwrap()` becomes `foo?`, unless a comment sits in between.
 */
export function replaceCallSuffix(call: Node, receiver: Node, text: string, suffix: string): TextEdit {
  const between = text.slice(receiver.endIndex, call.endIndex);
  const dot = between.indexOf('.');
  const keepsComment = /\/\/|\/\*/.test(between.slice(0, Math.max(dot, 0)));
  const start = keepsComment && dot >= 0 ? receiver.endIndex + dot : receiver.endIndex;
  return { start, end: call.endIndex, newText: suffix };
}
