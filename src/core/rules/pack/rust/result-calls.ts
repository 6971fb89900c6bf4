import type { Node } from 'web-tree-sitter';
import type { FileContext } from '../../rule';
import { classifyReturnType } from './question-mark';

// Without types, "this call returns a Result" is guessed from names: std and common-crate APIs
// whose name alone says it, `std::fs` functions, and functions declared in the same file.

/** Method or function names that return `Result` on every std type (and common crate) that has them. */
const RESULT_NAMES = new Set([
  // io::Write, fmt::Write, Display::fmt
  'flush', 'write', 'write_all', 'write_fmt', 'write_str', 'write_char', 'write_vectored', 'fmt',
  // io::Read, Seek, File
  'read_exact', 'read_to_end', 'read_to_string', 'seek', 'rewind', 'sync_all', 'sync_data', 'set_len',
  'set_permissions', 'set_modified',
  // sockets and processes
  'shutdown', 'set_nonblocking', 'set_nodelay', 'set_read_timeout', 'set_write_timeout', 'set_ttl', 'set_broadcast',
  'connect', 'accept', 'bind', 'send_to', 'kill', 'try_wait',
  // channels (std, crossbeam, tokio, futures)
  'send', 'send_timeout', 'blocking_send', 'start_send', 'changed',
  // conversions and logging set-up
  'parse', 'from_str', 'from_str_radix', 'from_utf8', 'map_err',
  'set_logger', 'set_boxed_logger', 'set_global_default',
  // thread::JoinHandle; a path or slice `join` is never discarded with `let _`
  'join',
  // std::fs free functions, also imported on their own
  'remove_file', 'remove_dir', 'remove_dir_all', 'create_dir', 'create_dir_all', 'rename', 'hard_link', 'symlink',
  'set_current_dir',
]);

/**
 * `byteorder`'s `write_u32::<LE>(..)` and friends (raw-pointer writes return `()`), and the `try_`
 * naming convention for fallible operations (`try_send`, `try_with`, `try_reserve`, `try_select`).
 */
const RESULT_PREFIX = /^(?:write_(?!bytes$|volatile$|unaligned$)|try_)/;

/** `Type::function` pairs that return `Result` although the name alone does not say it. */
const QUALIFIED: Readonly<Record<string, ReadonlySet<string>>> = {
  io: new Set(['copy']),
  env: new Set(['var', 'current_dir', 'current_exe', 'join_paths']),
  File: new Set(['create', 'open', 'create_new']),
  TcpStream: new Set(['connect']),
  TcpListener: new Set(['bind']),
  UdpSocket: new Set(['bind']),
};

/** Crates whose `fs` module is async: their functions return futures until awaited. */
const ASYNC_RUNTIMES = new Set(['tokio', 'async_std', 'smol']);

export interface ResultCall {
  /** What to name in the message: `fs::remove_file`, `.send`, `writeln!`. */
  readonly callee: string;
}

/** Whether the discarded expression `value` is, by its callee's name, a `Result`. */
export function resultCall(value: Node, file: FileContext): ResultCall | undefined {
  let expression = value;
  let awaited = false;
  if (expression.type === 'await_expression') {
    const inner = expression.namedChildren.find((child) => child !== null && child.type !== 'line_comment' && child.type !== 'block_comment');
    if (!inner) return undefined;
    expression = inner;
    awaited = true;
  }
  if (expression.type === 'macro_invocation') {
    const macro = expression.childForFieldName('macro');
    const name = macro?.type === 'scoped_identifier' ? macro.childForFieldName('name')?.text : macro?.text;
    return !awaited && (name === 'write' || name === 'writeln') ? { callee: `${name}!` } : undefined;
  }
  if (expression.type !== 'call_expression') return undefined;
  let callee = expression.childForFieldName('function');
  if (callee?.type === 'generic_function') callee = callee.childForFieldName('function');
  if (!callee) return undefined;
  switch (callee.type) {
    case 'field_expression': {
      const name = callee.childForFieldName('field')?.text ?? '';
      return returnsResult(file, name, awaited) ? { callee: `.${name}` } : undefined;
    }
    case 'scoped_identifier': {
      const name = callee.childForFieldName('name')?.text ?? '';
      const path = callee.childForFieldName('path');
      const qualifier = path?.type === 'scoped_identifier' ? path.childForFieldName('name')?.text : path?.text;
      const root = path?.text.split('::')[0] ?? '';
      const shown = `${qualifier ?? ''}::${name}`;
      if (qualifier === 'fs' && (awaited || !ASYNC_RUNTIMES.has(root))) return { callee: shown };
      if (qualifier && QUALIFIED[qualifier]?.has(name)) return { callee: shown };
      return returnsResult(file, name, awaited) ? { callee: shown } : undefined;
    }
    case 'identifier':
      return returnsResult(file, callee.text, awaited) ? { callee: callee.text } : undefined;
    default:
      return undefined;
  }
}

interface Declaration {
  readonly result: boolean;
  readonly async: boolean;
}

const declarationsByFile = new WeakMap<FileContext, Map<string, Declaration[]>>();

/**
 * A function or method of this file with that name decides (every one of them, when the name is
 * declared more than once: it returns `Result` and is awaited exactly when it is `async`);
 * otherwise the name lists do.
 */
function returnsResult(file: FileContext, name: string, awaited: boolean): boolean {
  let declarations = declarationsByFile.get(file);
  if (!declarations) {
    declarations = new Map();
    collectDeclarations(file.tree.rootNode, declarations);
    declarationsByFile.set(file, declarations);
  }
  const found = declarations.get(name);
  if (found) return found.every((declaration) => declaration.result && declaration.async === awaited);
  return RESULT_NAMES.has(name) || RESULT_PREFIX.test(name);
}

/** Reads items only (modules, `impl` and `trait` bodies), never function bodies. */
function collectDeclarations(list: Node, into: Map<string, Declaration[]>): void {
  for (const item of list.namedChildren) {
    if (!item) continue;
    switch (item.type) {
      case 'function_item':
      case 'function_signature_item': {
        const name = item.childForFieldName('name')?.text;
        if (!name) break;
        const modifiers = item.namedChildren.find((child) => child?.type === 'function_modifiers');
        const declaration = {
          result: classifyReturnType(item.childForFieldName('return_type')) === 'result',
          async: modifiers !== undefined && modifiers !== null && /\basync\b/.test(modifiers.text),
        };
        into.set(name, [...(into.get(name) ?? []), declaration]);
        break;
      }
      case 'mod_item':
      case 'impl_item':
      case 'trait_item': {
        const body = item.childForFieldName('body');
        if (body) collectDeclarations(body, into);
        break;
      }
    }
  }
}
