import type { Node } from 'web-tree-sitter';
import type { Fix, RuleDefinition, RuleMatch } from '../../rule';
import { statements, TOKEN_GAP } from './syntax';
import query from './mutable-default-arg.scm';

/** The whitespace before `node` on its line, or undefined when code precedes it there. */
function indentBefore(node: Node, text: string): string | undefined {
  const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  const indent = text.slice(lineStart, node.startIndex);
  return /^[ \t]*$/.test(indent) ? indent : undefined;
}

/** Read-only annotation heads (Ruff's list): a default behind one of them is not mutated by a type-checked body. */
const READ_ONLY_TYPES = new Set([
  'AbstractSet', 'ByteString', 'Callable', 'Collection', 'Container', 'FrozenSet', 'Hashable', 'ItemsView', 'Iterable',
  'Iterator', 'KeysView', 'Literal', 'Mapping', 'Reversible', 'Sequence', 'Sized', 'Tuple', 'ValuesView',
  'bool', 'bytes', 'complex', 'float', 'frozenset', 'int', 'object', 'range', 'str', 'tuple',
]);

/** Splits `text` at `separator` outside brackets. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '[' || char === '(') depth++;
    else if (char === ']' || char === ')') depth--;
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, index).trim());
      start = index + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** `Sequence[str]`, `Optional[Mapping[str, int]]`, `Iterable[str] | None`, `"Sequence[str]"`. */
function isReadOnlyAnnotation(annotation: string): boolean {
  const text = annotation.trim().replace(/^(['"])(.*)\1$/s, '$2').trim();
  const alternatives = splitTopLevel(text, '|');
  if (alternatives.length > 1) return alternatives.every((part) => part === 'None' || isReadOnlyAnnotation(part));
  const wrapped = /^(?:(?:typing|t)\.)?(Optional|Annotated|Final|Union)\[(.*)\]$/s.exec(text);
  if (wrapped) {
    const inner = splitTopLevel(wrapped[2] ?? '', ',');
    const checked = wrapped[1] === 'Union' ? inner : inner.slice(0, 1);
    return checked.every((part) => part === 'None' || isReadOnlyAnnotation(part));
  }
  const head = /^(?:[\w.]*\.)?(\w+)\s*(?:\[|$)/.exec(text)?.[1];
  return head !== undefined && READ_ONLY_TYPES.has(head);
}

function isDocstring(statement: Node | undefined): boolean {
  return statement?.type === 'expression_statement' && statement.firstNamedChild?.type === 'string';
}

/** The `def` whose parameter list holds the default `value`, and its body; none for a lambda's parameter. */
function definitionOf(value: Node): { fn: Node; body: Node } | undefined {
  const parameters = value.parent?.parent;
  const fn = parameters?.parent;
  const body = fn?.childForFieldName('body');
  if (parameters?.type !== 'parameters' || fn?.type !== 'function_definition' || body?.type !== 'block') return undefined;
  return { fn, body };
}

function noneAndInitialise(match: RuleMatch): Fix | undefined {
  const name = match.capture('name')?.text;
  const definition = definitionOf(match.node);
  const value = match.node;
  if (!name || !definition) return undefined;
  const { fn, body } = definition;
  const text = match.file.text;
  const inBody = statements(body);
  const first = inBody[0];
  const defIndent = indentBefore(fn, text);
  const bodyIndent = first ? indentBefore(first, text) : undefined;
  // A body on the `def` line (`def f(x=[]): return x`) has no line to insert into.
  if (!first || defIndent === undefined || bodyIndent === undefined || bodyIndent.length <= defIndent.length) return undefined;
  const unit = bodyIndent.startsWith(defIndent) ? bodyIndent.slice(defIndent.length) : '    ';
  const check = `if ${name} is None:\n${bodyIndent}${unit}${name} = ${value.text}`;
  const after = isDocstring(first) ? inBody[1] : first;
  const insertion = after
    ? { start: after.startIndex, end: after.startIndex, newText: `${check}\n${bodyIndent}` }
    : { start: first.endIndex, end: first.endIndex, newText: `\n${bodyIndent}${check}` };
  return {
    title: `Default \`${name}\` to None and create the value in the body`,
    safe: false,
    edits: [{ start: value.startIndex, end: value.endIndex, newText: 'None' }, insertion],
  };
}

export const mutableDefaultArg: RuleDefinition = {
  id: 'py/mutable-default-arg',
  title: 'Mutable default argument',
  severity: 'warning',
  category: 'correctness',
  message: 'Default `{name}={match}` is created once and shared by every call: default to None and create it in the body',
  rationale:
    'Default values are evaluated once, when `def` runs, so a list, dict or set default is one object shared by ' +
    'all calls: an append in one call shows up in the next. Reported for displays (`[]`, `{}`, `{1}`), ' +
    'comprehensions, and calls of `list`, `dict`, `set`, `bytearray` and the `collections` containers ' +
    '(`defaultdict`, `OrderedDict`, `Counter`, `deque`), like Ruff B006 and pylint W0102 (Ruff also needs ' +
    '`collections` to be imported; pylint skips comprehensions; neither reports `bytearray()`). As in Ruff, a ' +
    'read-only annotation (`Sequence[str] = []`, `Mapping[str, int] | None = {}`) excuses the default: a type ' +
    'checker keeps the body from mutating it. Lambdas are not checked. The ' +
    'fix defaults to None and adds `if x is None: x = <the old default>` at the top of the body, after the ' +
    'docstring; it is not applied automatically because callers passing None explicitly now get the default, ' +
    'and code that relied on the shared object (a deliberate cache) changes behaviour. The annotation is left ' +
    'as written (write `list[int] | None` yourself).',
  queries: { python: query },
  // `=` then the value's first token: `[`, `{` or a container name. Assignments (`x = []`) match too,
  // but walk up without running the query: no default parameter among their ancestors.
  anchor: new RegExp(String.raw`=${TOKEN_GAP}(?:[\[{]|(?:collections\.)?(?:list|dict|set|bytearray|defaultdict|OrderedDict|Counter|deque)\b)`),
  predicate: (match) => {
    if (!definitionOf(match.node)) return false;
    const annotation = match.capture('annotation');
    return !annotation || !isReadOnlyAnnotation(annotation.text);
  },
  fix: noneAndInitialise,
  equivalents: ['ruff:B006', 'flake8-bugbear:B006', 'pylint:W0102'],
  examples: [
    {
      language: 'python',
      kind: 'bad',
      code: 'def add_tag(tag, tags=[]):\n    """Return tags with tag added."""\n    tags.append(tag)\n    return tags\n',
      fixed: 'def add_tag(tag, tags=None):\n    """Return tags with tag added."""\n    if tags is None:\n        tags = []\n    tags.append(tag)\n    return tags\n',
    },
    {
      language: 'python',
      kind: 'bad',
      code: 'class Cache:\n    def __init__(self, *, store: dict[str, bytes] = dict()):\n        self.store = store\n',
      fixed: 'class Cache:\n    def __init__(self, *, store: dict[str, bytes] = None):\n        if store is None:\n            store = dict()\n        self.store = store\n',
    },
    {
      language: 'python',
      kind: 'good',
      code: 'def add_tag(tag, tags=None, sep=(",", ";"), limit=frozenset()):\n    tags = [] if tags is None else tags\n    tags.append(tag)\n    return tags\n',
    },
  ],
};
