import type { Node } from 'web-tree-sitter';
import type { RuleDefinition } from '../../rule';
import { callInfo, goFile } from './calls';
import query from './blank-error.scm';

export const blankError: RuleDefinition = {
  id: 'go/blank-error',
  title: 'Error assigned to the blank identifier',
  severity: 'info',
  category: 'error-handling',
  cwe: 391,
  message: 'The error returned by `{call}` is assigned to `_`',
  rationale:
    '`_ = f()` and `v, _ := f()` discard an error on purpose, but the reader cannot tell whether the failure is ' +
    'impossible, harmless or simply forgotten, and `v` may be a zero value that flows on. Handle the error, or say ' +
    'why it can be ignored. Same findings as `errcheck -blank` (with its default exclusions) and gosec G104 in audit ' +
    'mode, where the call is known to return an error (see go/unchecked-error for how that is known). One difference ' +
    'on purpose: a discard explained by a comment on the same line or the line above is not reported, since the ' +
    'comment is exactly the justification this rule asks for.',
  queries: { go: query },
  // Every pattern's statement holds `_ =` or `_ :=` (the blank is the last target, right before the operator).
  anchor: /\b_\s*:?=(?!=)/,
  predicate: (match) => {
    const call = match.capture('call');
    if (!call) return false;
    const info = callInfo(goFile(match.file), call);
    if (!info.returnsError) return false;
    if (explained(statementOf(match.node))) return false;
    return { message: `The error returned by \`${info.callee}\` is assigned to \`_\`` };
  },
  equivalents: ['errcheck', 'gosec:G104'],
  examples: [
    {
      language: 'go',
      kind: 'bad',
      code:
        'package config\n\nimport "strconv"\n\nfunc Port(raw string) int {\n\tport, _ := strconv.Atoi(raw)\n\treturn port\n}\n',
    },
    {
      language: 'go',
      kind: 'good',
      code:
        'package config\n\nimport (\n\t"fmt"\n\t"os"\n\t"strconv"\n)\n\nfunc Port(raw string) (int, error) {\n\tport, err := strconv.Atoi(raw)\n' +
        '\tif err != nil {\n\t\treturn 0, fmt.Errorf("port %q: %w", raw, err)\n\t}\n\treturn port, nil\n}\n\n' +
        'func Cleanup(tmp string) {\n\t_ = os.Remove(tmp) // best effort: the file may already be gone\n}\n',
    },
  ],
};

/** `var _ = f()` is reported on its declaration. */
function statementOf(node: Node): Node {
  return node.type === 'var_spec' && node.parent?.type === 'var_declaration' ? node.parent : node;
}

/** A comment at the end of the statement's line or alone on the line above it. */
function explained(statement: Node): boolean {
  const next = statement.nextSibling;
  if (next?.type === 'comment' && next.startPosition.row === statement.endPosition.row) return true;
  const previous = statement.previousSibling;
  return previous?.type === 'comment' && previous.endPosition.row === statement.startPosition.row - 1;
}
