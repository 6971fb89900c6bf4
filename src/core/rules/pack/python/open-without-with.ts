import type { Node } from 'web-tree-sitter';
import { KeyedMemo } from '../../memo';
import type { FileContext, RuleDefinition } from '../../rule';
import { enclosingFunction, TOKEN_GAP } from './syntax';
import query from './open-without-with.scm';

/** Calls that read a whole file and drop it: `return json.load(open(p))` leaks even when returned. */
const CONSUMERS = /^(?:load|safe_load|full_load|unsafe_load|read|readlines|list|tuple|set|frozenset|sorted)$/;
/** Calls that take charge of closing what they are given. */
const CLOSERS = /^(?:enter_context|enter_async_context|closing|aclosing|callback|push)$/;
/** A module that defines or imports its own `open` (gzip.py, tarfile.py, `from os import open`). */
const OWN_OPEN = /^(?:def open\b|open\s*=|[ \t]*from\s+\S+\s+import\b.*\bopen\b(?!\s+as\b))/m;
/** A function that binds `open` itself: a parameter or a local assignment. */
const LOCAL_OPEN = /^[ \t]*open\s*=/m;

/** OWN_OPEN's answer for the last file: the test scans the whole text, once per call otherwise. */
let ownOpen: { readonly text: string; readonly own: boolean } | undefined;

function definesOwnOpen(text: string): boolean {
  if (ownOpen?.text !== text) ownOpen = { text, own: OWN_OPEN.test(text) };
  return ownOpen.own;
}

/** Per file, whether each function definition binds `open`: a body is read once, not once per call inside it. */
const bindsOpenByFile = new KeyedMemo<FileContext, number, boolean>();

function bindsOpen(file: FileContext, fn: Node): boolean {
  return bindsOpenByFile.get(file, fn.id, () => {
    const parameters = fn.childForFieldName('parameters');
    return (parameters !== null && /\bopen\b/.test(parameters.text)) || LOCAL_OPEN.test(fn.childForFieldName('body')?.text ?? '');
  });
}

function shadowsOpen(call: Node, file: FileContext): boolean {
  if (definesOwnOpen(file.text)) return true;
  for (let node = call.parent; node; node = node.parent) {
    if (node.type === 'function_definition' && bindsOpen(file, node)) return true;
  }
  return false;
}

function calleeName(call: Node | null): string {
  const callee = call?.childForFieldName('function');
  if (!callee) return '';
  return callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text ?? '' : callee.text;
}

/** `f = open(...)` followed by `try: ... finally: f.close()` or `with f:`, or inside a try that closes it. */
function closedLater(assignment: Node, name: string): boolean {
  const statement = assignment.parent;
  if (!statement) return false;
  const closes = (node: Node | null | undefined): boolean => !!node && node.text.includes(`${name}.close(`);
  let next = statement.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  if (next?.type === 'try_statement' && closes(next.namedChildren.find((child) => child.type === 'finally_clause'))) return true;
  if (next?.type === 'with_statement') {
    const items = next.namedChildren.find((child) => child.type === 'with_clause')?.namedChildren ?? [];
    if (items.some((item) => item.childForFieldName('value')?.text === name)) return true;
  }
  for (let node = statement.parent; node && node.type !== 'function_definition'; node = node.parent) {
    if (node.type === 'try_statement' && closes(node.namedChildren.find((child) => child.type === 'finally_clause'))) return true;
  }
  return false;
}

/** Whether the opened resource is closed by a `with`, handed to an owner, or returned to the caller. */
function isManaged(call: Node): boolean {
  let child = call;
  // Node wrappers are not unique objects: compare positions.
  const isCall = (node: Node): boolean => node.startIndex === call.startIndex && node.endIndex === call.endIndex;
  for (let node = call.parent; node; child = node, node = node.parent) {
    switch (node.type) {
      case 'with_clause':
      case 'with_item':
      case 'lambda':
        return true;
      case 'return_statement':
        // Returned, alone or wrapped (`return Reader(open(p))`, `return name, open(p)`): the caller closes it.
        return true;
      case 'argument_list': {
        const callee = calleeName(node.parent);
        if (CLOSERS.test(callee)) return true;
        if (CONSUMERS.test(callee)) return false;
        break;
      }
      case 'attribute': {
        // `open(path).close()` is closed; `open(path).read()` is consumed and dropped.
        const method = node.childForFieldName('attribute')?.text ?? '';
        if (isCall(child) && node.parent?.type === 'call') return method === 'close';
        break;
      }
      case 'assignment': {
        const left = node.childForFieldName('left');
        if (!left || !node.childForFieldName('right')?.equals(child)) return false;
        // Stored on an object (`self.file = open(...)`, also wrapped: `self.f = TextIOWrapper(open(p))`):
        // the object's close() or __exit__ owns it.
        if (left.type === 'attribute' || left.type === 'subscript') return isCall(child) || /^[A-Z]/.test(calleeName(child));
        return left.type === 'identifier' && isCall(child) && closedLater(node, left.text);
      }
      case 'block':
      case 'module':
        return false;
    }
  }
  return false;
}

export const openWithoutWith: RuleDefinition = {
  id: 'py/open-without-with',
  title: 'File opened outside `with`',
  severity: 'warning',
  category: 'resource',
  cwe: 775,
  message: '`{callee}(...)` outside `with`: the file stays open until the garbage collector gets to it, or leaks if an exception comes first',
  rationale:
    'A file object that is not closed keeps its descriptor (and on Windows a lock) until it is collected; CPython ' +
    'usually does that soon, PyPy and other runtimes do not, and an exception between open and close skips the ' +
    'close. `with open(...) as f:` closes it on every path. Checked: builtin `open`, `io`/`codecs`/`gzip`/`bz2`/' +
    '`lzma`/`tarfile`/`dbm`/`shelve`/`tokenize`/`wave` `.open`, `tempfile` files, and `Path(...).open()` (as Ruff ' +
    'SIM115; a bare `open` is skipped where the module defines or imports its own, or a function binds one as a ' +
    'parameter or local). Treated as managed, and not reported: ' +
    'anything in a `with` header (`with closing(open(p))`), an argument of `enter_context`/`closing`/`callback`, ' +
    '`open(p).close()`, a file returned (alone, in a tuple, or passed to the object returned: ' +
    '`return TextIOWrapper(open(p))`) or produced by a lambda, a file opened in `__enter__`/`__aenter__`, a file stored on an object ' +
    '(`self.f = open(p)`, `files[k] = open(p)`: the owner\'s close() releases it) and `f = open(p)` followed by ' +
    '`try: ... finally: f.close()` or `with f:`, or inside a `try` whose `finally` closes it. Ruff also spares ' +
    'everything in a `return`, even `return json.load(open(p))` and `return open(p).read()`, real leaks reported ' +
    'here; it reports stored files and explicit try/finally, and follows import aliases (`from builtins import ' +
    'open as _open`), which this rule does not. pylint R1732 is close to Ruff.',
  queries: { python: query },
  // The callee's name then its argument list (`TemporaryFile` also ends the Named/Spooled ones).
  anchor: new RegExp(String.raw`(?:\bopen|TemporaryFile)${TOKEN_GAP}\(`),
  predicate: (match) => {
    const module = match.capture('module')?.text;
    if (module !== undefined && (module === 'tempfile') !== (match.capture('function')?.text !== 'open')) return false;
    if (match.capture('module') === undefined && match.capture('path') === undefined && shadowsOpen(match.node, match.file)) return false;
    const fn = enclosingFunction(match.node);
    const fnName = fn?.childForFieldName('name')?.text;
    if (fnName === '__enter__' || fnName === '__aenter__') return false;
    return !isManaged(match.node);
  },
  equivalents: ['ruff:SIM115', 'flake8-simplify:SIM115', 'pylint:R1732'],
  examples: [
    { language: 'python', kind: 'bad', code: 'def load(path):\n    return json.load(open(path))\n' },
    { language: 'python', kind: 'bad', code: 'def count_lines(path):\n    f = open(path, encoding="utf-8")\n    n = sum(1 for _ in f)\n    f.close()\n    return n\n' },
    {
      language: 'python',
      kind: 'good',
      code:
        'def load(path):\n    with open(path, encoding="utf-8") as f:\n        return json.load(f)\n\n' +
        'class Journal:\n    def __init__(self, path):\n        self.file = open(path, "a", encoding="utf-8")\n\n    def close(self):\n        self.file.close()\n',
    },
  ],
};
