import type { Node } from 'web-tree-sitter';
import type { PredicateResult, RuleDefinition } from '../../rule';
import { goFile, resultIsError, type GoFile } from './calls';
import { isErrorValue } from './error-values';
import query from './panic-in-library.scm';

const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** `panic("unreachable")` and friends assert an invariant; they are not error handling. */
const INVARIANT = /unreachable|not reached|impossible|can(?:no|')t happen|should(?:n't| not| never) (?:happen|occur|be reached|get here)|never (?:happens|occurs)|invariant|internal error|\bbug\b/i;

export const panicInLibrary: RuleDefinition = {
  id: 'go/panic-in-library',
  title: 'panic instead of an error in library code',
  severity: 'warning',
  category: 'error-handling',
  cwe: 248,
  message: '`panic` in library code crashes every program that calls it; return an error instead',
  rationale:
    'A package that panics on a failure takes the decision away from its callers: unless each of them recovers, ' +
    'a bad input or a failed I/O brings the whole program down. Reported outside package main, tests, benchmarks ' +
    'and examples, where a panic handles an error: its value is an error (`panic(err)`, `panic(fmt.Errorf(...))`, ' +
    'a message formatted from an error), or the function it is in returns an error and could have returned one. ' +
    'Left alone on purpose, as Go convention allows: a panic with a plain message in a function that returns no ' +
    'error, which documents API misuse (strings.Repeat panics on a negative count); panics in `init()` and ' +
    'package-level initialisers (the program cannot start anyway); in `Must*` helpers, whose name promises the ' +
    'panic (regexp.MustCompile); re-panics of a recovered value; and invariant assertions whose message says so ' +
    '("unreachable", "impossible", "internal error", "should never happen", in the message or a comment on its line). No linter has an exact equivalent: revive\'s deep-exit ' +
    'covers os.Exit and log.Fatal, and forbidigo can ban `panic` outright.',
  queries: { go: query },
  anchor: /\bpanic\b/,
  spare: ['test', 'bench', 'example', 'main'],
  predicate: (match): PredicateResult => {
    const go = goFile(match.file);
    const value = match.capture('value');
    if (!value || go.isMainPackage) return false;
    const declared = namedFunction(match.node);
    if (!declared) return false; // a package-level initialiser
    const name = declared.childForFieldName('name')?.text ?? '';
    if ((name === 'init' && declared.type === 'function_declaration') || /^must($|[A-Z0-9_])/i.test(name)) return false;
    if (value.type === 'identifier' && recovered(value, match.node)) return false;
    if (carriesError(go, value)) return { message: `\`panic(${short(value.text)})\` turns an error into a crash of the calling program; return the error instead` };
    const fn = enclosingFunction(match.node);
    if (!fn || !resultIsError(fn.childForFieldName('result') ?? undefined) || INVARIANT.test(`${value.text} ${trailingComment(match.node)}`)) return false;
    return { message: '`panic` in a function that returns an error: return an error instead' };
  },
  equivalents: [],
  examples: [
    {
      language: 'go',
      kind: 'bad',
      code:
        'package config\n\nimport "os"\n\nfunc Read(path string) []byte {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\treturn data\n}\n',
    },
    {
      language: 'go',
      kind: 'bad',
      code:
        'package config\n\nfunc Parse(text string) (map[string]string, error) {\n\tif text == "" {\n\t\tpanic("config: empty input")\n\t}\n\treturn map[string]string{}, nil\n}\n',
    },
    {
      language: 'go',
      kind: 'good',
      code:
        'package config\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc Read(path string) ([]byte, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n' +
        '\t\treturn nil, fmt.Errorf("read config: %w", err)\n\t}\n\treturn data, nil\n}\n\n' +
        '// MustRead is for package-level variables, where a missing file is a deployment error.\nfunc MustRead(path string) []byte {\n' +
        '\tdata, err := Read(path)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\treturn data\n}\n\n' +
        'func Repeat(s string, n int) string {\n\tif n < 0 {\n\t\tpanic("config: negative Repeat count")\n\t}\n\treturn fmt.Sprint(n, s)\n}\n',
    },
    {
      language: 'go',
      kind: 'good',
      path: 'cmd/tool/main.go',
      code: 'package main\n\nimport "os"\n\nfunc load() []byte {\n\tdata, err := os.ReadFile("tool.json")\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\treturn data\n}\n',
    },
  ],
};

/** The declared function around a node, seen through closures; undefined at package level. */
function namedFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_declaration' || current.type === 'method_declaration') return current;
  }
  return undefined;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (FUNCTION_TYPES.has(current.type)) return current;
  return undefined;
}

/** `if r := recover(); r != nil { ...; panic(r) }`: passing a panic on is not starting one. */
function recovered(value: Node, at: Node): boolean {
  const body = enclosingFunction(at)?.childForFieldName('body')?.text ?? '';
  return new RegExp(`\\b${value.text}\\s*:?=\\s*recover\\s*\\(\\s*\\)`).test(body);
}

/** An error, or a message built from one: `err`, `fmt.Sprintf("...: %v", err)`, `"..." + err.Error()`. */
function carriesError(go: GoFile, value: Node): boolean {
  if (isErrorValue(go, value)) return true;
  switch (value.type) {
    case 'parenthesized_expression':
      return value.namedChildren[0] ? carriesError(go, value.namedChildren[0]) : false;
    case 'binary_expression':
      return [value.childForFieldName('left'), value.childForFieldName('right')].some((side) => side !== null && carriesError(go, side));
    case 'call_expression': {
      const fn = value.childForFieldName('function');
      if (fn?.type !== 'selector_expression') return false;
      const name = fn.childForFieldName('field')?.text ?? '';
      const operand = fn.childForFieldName('operand');
      // `err.Error()`
      if (name === 'Error' && operand && isErrorValue(go, operand)) return true;
      // `fmt.Sprintf("...: %v", err)`, `fmt.Sprint(err)`
      if (operand?.type === 'identifier' && go.packageOf(operand) === 'fmt' && /^Sprint/.test(name)) {
        return (value.childForFieldName('arguments')?.namedChildren ?? []).some((arg) => arg !== null && isErrorValue(go, arg));
      }
      return false;
    }
    default:
      return false;
  }
}

/** `panic("...") // should never occur`: the comment on the statement's line. */
function trailingComment(statement: Node): string {
  const next = statement.nextSibling;
  return next?.type === 'comment' && next.startPosition.row === statement.endPosition.row ? next.text : '';
}

function short(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 37)}...` : line;
}
