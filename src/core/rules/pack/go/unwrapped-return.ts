import type { Node } from 'web-tree-sitter';
import { KeyedMemo } from '../../memo';
import type { RuleDefinition } from '../../rule';
import { callInfo, goFile, typeOfExpression, type GoFile } from './calls';
import query from './unwrapped-return.scm';

/**
 * wrapcheck's default ignoreSigs (calls that build or wrap an error: `.Errorf(`, `.Wrap(`...; anything of
 * an `errors` package is handled apart), and os.NewSyscallError, which wraps too.
 */
const WRAPPING_CALLS = new Set(['Errorf', 'Wrap', 'Wrapf', 'WithMessage', 'WithMessagef', 'WithStack', 'NewSyscallError']);

/**
 * Methods that implement a standard interface (io.Reader, io.Writer, json.Marshaler, sql.Scanner...):
 * callers compare their errors with `==` (`io.EOF`) or wrap them themselves, so they must pass errors on as-is.
 */
export const PASS_THROUGH_METHODS: ReadonlySet<string> = new Set(
  (
    'Read ReadAt ReadFrom ReadByte ReadRune ReadString ReadBytes Write WriteAt WriteTo WriteByte WriteRune WriteString ' +
    'Close Flush Sync Seek UnreadByte UnreadRune MarshalJSON UnmarshalJSON MarshalText UnmarshalText MarshalBinary ' +
    'UnmarshalBinary MarshalYAML UnmarshalYAML GobEncode GobDecode Scan Value Unwrap Err'
  ).split(' '),
);

const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const SPARED = ['test', 'bench', 'example'] as const;
const sourceCounts = new KeyedMemo<GoFile, number, number>();

export const unwrappedReturn: RuleDefinition = {
  id: 'go/unwrapped-return',
  title: 'Error returned without context',
  severity: 'info',
  category: 'error-handling',
  message: 'An error from another package is returned without context',
  rationale:
    'An error passed up unchanged from another package (`return err` right after `os.Open`, `json.Unmarshal`, ' +
    'a method of an interface or of another package\'s type) reaches the top as "unexpected EOF" with no hint of ' +
    'which step failed. Wrap it: `fmt.Errorf("load %s: %w", name, err)`. Like wrapcheck, errors from the same ' +
    'package\'s functions and methods are left alone (interfaces excepted), and so are fmt.Errorf, the errors ' +
    'packages and the Wrap* helpers; os.NewSyscallError, which wraps, too. To keep the noise low, on purpose ' +
    'unlike wrapcheck: a thin wrapper (a function with a single call whose error it can return) is not reported, ' +
    'since its own name is the context its caller will add; nor are methods that implement io.Reader, io.Writer, ' +
    'json.Marshaler and the like (Read, Write, Close, MarshalJSON...), which must pass errors such as io.EOF on ' +
    'unchanged; nor test code. Without types, a method call on a receiver of unknown type counts as foreign ' +
    'unless the package declares a method of that name, and an interface declared in another file of the ' +
    'package counts as the package\'s own.',
  queries: { go: query },
  // Anchored at `return` when its line ends the way a match can: with an error-named identifier,
  // or with anything but a name, number or string (`)`, `{`, `,`: a call, or a statement that goes
  // on over the next lines). A line that ends with another name or literal ends the statement there.
  // A line over 1,000 characters after `return` is taken as it is, unread: each look ahead stays bounded.
  anchor: /\breturn\b(?=[^\n]{1000}|[^\n]{0,1000}?(?:\b(?:err|[a-z]\w*Err)|[^\w\s"'])[ \t]*(?:\/\/[^\n]{0,1000})?\r?$)/m,
  anchorAtStart: true,
  // Test, bench and example code is spared in the predicate, after the cheap checks: most returns
  // never get that far, and finding a node's roles walks up the tree.
  predicate: (match) => {
    if (SPARED.some((role) => match.file.fileRoles.has(role))) return false;
    // `return fmt.Errorf(..)`, `return errors.Wrap(..)`: wrapped already, no need to look further.
    const method = match.capture('method');
    if (method && WRAPPING_CALLS.has(method.text)) return false;
    const go = goFile(match.file);
    const source = sourceCall(go, match.capture('err'), match.capture('call'));
    if (!source || !isForeign(go, source)) return false;
    const fn = enclosingFunction(match.node);
    if (!fn || passesThrough(fn) || errorSources(go, fn) <= 1) return false;
    const roles = match.file.rolesAt(match.node);
    if (SPARED.some((role) => roles.has(role))) return false;
    return { message: `The error from \`${callInfo(go, source).callee}\` is returned without context; wrap it with fmt.Errorf("...: %w", err)` };
  },
  equivalents: ['wrapcheck'],
  examples: [
    {
      language: 'go',
      kind: 'bad',
      code:
        'package config\n\nimport (\n\t"encoding/json"\n\t"os"\n)\n\nfunc Load(path string, into any) error {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n' +
        '\t\treturn err\n\t}\n\tif err := json.Unmarshal(data, into); err != nil {\n\t\treturn err\n\t}\n\treturn nil\n}\n',
    },
    {
      language: 'go',
      kind: 'good',
      code:
        'package config\n\nimport (\n\t"encoding/json"\n\t"fmt"\n\t"os"\n)\n\nfunc Load(path string, into any) error {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n' +
        '\t\treturn fmt.Errorf("read config: %w", err)\n\t}\n\tif err := json.Unmarshal(data, into); err != nil {\n\t\treturn fmt.Errorf("parse config %s: %w", path, err)\n\t}\n\treturn nil\n}\n\n' +
        '// A thin wrapper: its name says what failed.\nfunc Remove(path string) error {\n\treturn os.Remove(path)\n}\n',
    },
  ],
};

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (FUNCTION_TYPES.has(current.type)) return current;
  return undefined;
}

function passesThrough(fn: Node): boolean {
  return fn.type === 'method_declaration' && PASS_THROUGH_METHODS.has(fn.childForFieldName('name')?.text ?? '');
}

/** The call that produced the returned error: the call itself, or the last assignment of the variable. */
function sourceCall(go: GoFile, err: Node | undefined, call: Node | undefined): Node | undefined {
  if (call) return callInfo(go, call).returnsError ? call : undefined;
  if (!err) return undefined;
  const decl = go.declarationOf(err);
  if (!decl?.value || decl.value.type !== 'call_expression' || decl.index !== decl.arity - 1) return undefined;
  return decl.value;
}

/** A call into another package or through an interface, that is not itself a wrapping helper. */
function isForeign(go: GoFile, call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return false;
  const name = fn.childForFieldName('field')?.text ?? '';
  const operand = fn.childForFieldName('operand');
  if (!operand || WRAPPING_CALLS.has(name)) return false;
  const path = operand.type === 'identifier' ? go.packageOf(operand) : undefined;
  // errors.New/Join/Unwrap, and those of github.com/pkg/errors and its kind.
  if (path !== undefined) return path !== 'errors' && !path.endsWith('/errors');
  const receiver = typeOfExpression(go, operand);
  if (receiver?.kind === 'std') return true;
  // A method of the package's own type, unless that type is an interface: its implementations may be anyone's.
  if (receiver?.kind === 'local') return receiver.name !== '' && go.typeDeclaration(receiver.name)?.type === 'interface_type';
  if (receiver?.kind === 'literal') return receiver.node.type === 'interface_type';
  return go.file.facts.goErrorFunctions?.has(name) !== true;
}

/** How many calls in the function can produce the error it returns: error assignments plus `return f()`. */
function errorSources(go: GoFile, fn: Node): number {
  return sourceCounts.get(go, fn.id, () => countErrorSources(go, fn));
}

function countErrorSources(go: GoFile, fn: Node): number {
  let count = 0;
  const body = fn.childForFieldName('body');
  if (!body) return 0;
  // Statements of closures inside belong to the closures: skip them by their extent. Both lists are in
  // document order and closures nest, so one sweep tells which statements fall inside one.
  const closures = body.descendantsOfType('func_literal').map((closure) => [closure.startIndex, closure.endIndex] as const);
  let nextClosure = 0;
  let insideUntil = -1;
  for (const statement of body.descendantsOfType(['short_var_declaration', 'assignment_statement', 'return_statement'])) {
    const at = statement.startIndex;
    for (let closure = closures[nextClosure]; closure && closure[0] <= at; closure = closures[++nextClosure]) insideUntil = Math.max(insideUntil, closure[1]);
    if (at < insideUntil) continue;
    if (statement.type === 'return_statement') {
      const last = statement.namedChildren[0]?.namedChildren.at(-1);
      if (last?.type === 'call_expression' && callInfo(go, last).returnsError) count++;
    } else {
      const left = statement.childForFieldName('left')?.namedChildren ?? [];
      const right = statement.childForFieldName('right')?.namedChildren ?? [];
      const target = left.at(-1);
      if (right.length === 1 && right[0]?.type === 'call_expression' && target && /^(err|[a-z]\w*Err)$/.test(target.text)) count++;
    }
    if (count > 1) return count;
  }
  return count;
}
