import type { Node } from 'web-tree-sitter';
import type { RuleDefinition } from '../../rule';
import { callInfo, goFile, selectorMayReturnError, typeOfExpression } from './calls';
import query from './unchecked-error.scm';

/**
 * Where a statement starts in Go: after a line break and its indent, `{`, `;`, `:` (case, label), the
 * end of a block comment, or `if`/`for`/`switch` (and `} else if`) for the init statement. The hit is
 * the statement's first line, from a name or `(`, up to its first `(`, or up to a `{` (`T{...}.m()`,
 * left for the next search to start from): a run without spaces or `=` (an assignment or a keyword
 * stops it) where `, ` (type arguments, `m[k1, k2]`) is allowed; or a chain that ends its line with `.`
 * (`x.\n\tm()`). The hit never reaches past its line, so the next statement's line break is still
 * there to match, and never past 200 characters: a string of base64 has a `/` every few characters,
 * and an unbounded run from each would make the scan quadratic.
 */
const CALL_STATEMENT_START =
  /[\n{;:/][ \t]*(?:(?:\}[ \t]*else[ \t]+)?(?:if|for|switch)[ \t]+)?(?<hit>(?:(?:defer|go)[ \t]+)?(?:[\w(](?:[^\s={]|, ){0,200}?(?:\(|(?=\{))|\w[\w.]{0,200}\.(?=\r?\n)))/;

export const uncheckedError: RuleDefinition = {
  id: 'go/unchecked-error',
  title: 'Unchecked error',
  severity: 'warning',
  category: 'error-handling',
  cwe: 252,
  message: 'The error returned by `{call}` is not checked',
  rationale:
    'A call used as a statement (also under `defer` and `go`) throws away the error it returns: a failed write, ' +
    'flush or close goes unnoticed and the program carries on with lost or partial data. Handle it, return it, ' +
    'or discard it explicitly with `_ =` and a comment saying why. Same findings as errcheck with its default ' +
    'exclusions (fmt.Print*, writes to bytes.Buffer, strings.Builder and hashes, fmt.Fprint* to os.Stderr or an ' +
    'in-memory buffer, io.Pipe CloseWithError; a dropped `recover()` is reported, as errcheck does) and gosec G104. ' +
    'Without type information, whether a call returns an error comes from the standard library\'s signatures, from ' +
    'the declarations in the file and the functions and methods declared in the package (by name: a method name ' +
    'that returns an error on one of the package\'s types counts for all of them), from a light inference of ' +
    'variable types (`f, err := os.Create(p)`, `var buf bytes.Buffer`, fields declared in the file), and, for a ' +
    'receiver whose type cannot be told, from method names that return an error almost everywhere (Close, Write, ' +
    'Flush, SetDeadline, Encode, Rollback...; a Write on a receiver named like a hash, `h` or `hasher`, is taken ' +
    'for a hash). A function of another module called through its package name is not known and stays unreported. ' +
    'One difference on purpose: `defer x.Close()` is not reported when `x` was opened for reading (`os.Open`, an ' +
    'HTTP body, `*sql.Rows`, `*sql.Stmt`), where the close error cannot mean lost data; errcheck reports it.',
  queries: { go: query },
  // Anchored at statement starts that can begin a call (`f(`, `x.y.Close(`, `defer f(`, `T{..}.m(`,
  // `(&c).m(`, `a[i:j].m(`): the query runs only at the statement that starts there, instead of
  // walking every node of the file for the few statements that are calls.
  anchor: CALL_STATEMENT_START,
  anchorAtStart: true,
  predicate: (match) => {
    const call = match.capture('call');
    if (!call) return false;
    const go = goFile(match.file);
    const method = match.capture('method');
    const operand = match.capture('operand');
    if (method && operand && !selectorMayReturnError(go, operand.text, method.text)) return false;
    const info = callInfo(go, call);
    if (!info.returnsError) return false;
    if (match.node.type === 'defer_statement' && info.name === 'Close' && closesReadOnly(go, call)) return false;
    return { message: `The error returned by \`${info.callee}\` is not checked` };
  },
  equivalents: ['errcheck', 'gosec:G104'],
  examples: [
    {
      language: 'go',
      kind: 'bad',
      code:
        'package store\n\nimport "os"\n\nfunc Save(path string, data []byte) error {\n\tf, err := os.Create(path)\n\tif err != nil {\n\t\treturn err\n\t}\n' +
        '\tdefer f.Close()\n\tf.Write(data)\n\treturn nil\n}\n',
    },
    {
      language: 'go',
      kind: 'good',
      code:
        'package store\n\nimport "os"\n\nfunc Save(path string, data []byte) (err error) {\n\tf, err := os.Create(path)\n\tif err != nil {\n\t\treturn err\n\t}\n' +
        '\tdefer func() {\n\t\tif cerr := f.Close(); err == nil {\n\t\t\terr = cerr\n\t\t}\n\t}()\n\t_, err = f.Write(data)\n\treturn err\n}\n',
    },
    {
      language: 'go',
      kind: 'good',
      code:
        'package report\n\nimport (\n\t"bytes"\n\t"fmt"\n\t"os"\n)\n\nfunc Render(rows []string) string {\n\tvar buf bytes.Buffer\n\tfor _, row := range rows {\n' +
        '\t\tbuf.WriteString(row)\n\t\tfmt.Fprintf(&buf, "\\n")\n\t}\n\tfmt.Fprintln(os.Stderr, "rendered", len(rows))\n\treturn buf.String()\n}\n',
    },
  ],
};

/** `defer f.Close()` on a file opened read-only, an HTTP body or SQL rows: nothing was written to lose. */
function closesReadOnly(go: ReturnType<typeof goFile>, call: Node): boolean {
  const receiver = call.childForFieldName('function')?.childForFieldName('operand');
  if (!receiver) return false;
  if (receiver.type === 'selector_expression' && receiver.childForFieldName('field')?.text === 'Body') return true;
  const type = typeOfExpression(go, receiver);
  if (type?.kind === 'std' && (type.name === 'database/sql.Rows' || type.name === 'database/sql.Stmt')) return true;
  if (receiver.type !== 'identifier') return false;
  const value = go.declarationOf(receiver)?.value;
  const fn = value?.type === 'call_expression' ? value.childForFieldName('function') : null;
  if (fn?.type !== 'selector_expression') return false;
  const pkg = fn.childForFieldName('operand');
  return pkg?.type === 'identifier' && go.packageOf(pkg) === 'os' && fn.childForFieldName('field')?.text === 'Open';
}
