import type { Node } from 'web-tree-sitter';
import type { Fix, RuleDefinition, RuleMatch } from '../../rule';
import { goFile } from './calls';
import { isErrorValue } from './error-values';
import query from './errorf-without-wrap.scm';
import { formatVerbs, type FormatVerb } from './format-verbs';

interface Misuse {
  readonly verb: FormatVerb;
  readonly argument: Node;
}

export const errorfWithoutWrap: RuleDefinition = {
  id: 'go/errorf-without-wrap',
  title: 'fmt.Errorf formats an error without %w',
  severity: 'warning',
  category: 'error-handling',
  message: '`fmt.Errorf` formats an error with a verb other than `%w`, so callers cannot unwrap it',
  rationale:
    '`fmt.Errorf("read config: %v", err)` keeps the text but drops the error itself: `errors.Is(err, fs.ErrNotExist)` ' +
    'and `errors.As` no longer see it, so callers cannot react to the cause. `%w` prints the same text and keeps the ' +
    'chain. Same check as go-errorlint (errorf, with multiple %w allowed) where an argument is recognisably an ' +
    'error: a variable declared or assigned as one (`err error`, `v, err := f()` with f known to return an error, ' +
    'a type named `*Error`), the last of several results named `e` or `err` (`v, e := f()`), an error-shaped name ' +
    'whose declaration gives no type (`err`, `err2`, `readErr`, `ErrClosed`, `io.EOF`, a `.err` field; not ' +
    '`wantErr` or `errMsg` declared as a bool or string), or a call to `.Err()`, `errors.New` or `fmt.Errorf`. ' +
    '`err.Error()` is a string and is not reported, as in errorlint. The fix turns plain `%v`/`%s` into `%w`; it is offered, never applied by --fix, ' +
    'because wrapping makes the cause part of the API (callers may start to depend on it, which is sometimes not ' +
    'wanted), and because two `%w` in one call need Go 1.20 (go vet reports them on older versions).',
  queries: { go: query },
  anchor: /\bfmt\s*\.\s*Errorf\b/,
  predicate: (match) => {
    const misuses = findMisuses(match);
    const first = misuses[0];
    if (!first) return false;
    return {
      node: first.argument,
      message: `\`%${first.verb.letter}\` formats the error \`${short(first.argument.text)}\`; use \`%w\` so callers can unwrap it`,
    };
  },
  fix: (match): Fix | undefined => {
    const misuses = findMisuses(match);
    const format = match.capture('format');
    if (!format || misuses.length === 0 || misuses.some((misuse) => !misuse.verb.plain || !'vs'.includes(misuse.verb.letter))) return undefined;
    const wraps = formatVerbs(format.text).filter((verb) => verb.letter === 'w').length + misuses.length;
    return {
      title: wraps > 1 ? 'Wrap the errors with %w (Go 1.20 or later)' : 'Wrap the error with %w',
      safe: false,
      edits: misuses.map((misuse) => ({ start: format.startIndex + misuse.verb.end - 1, end: format.startIndex + misuse.verb.end, newText: 'w' })),
    };
  },
  equivalents: ['errorlint:errorf'],
  examples: [
    {
      language: 'go',
      kind: 'bad',
      code:
        'package config\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc Load(path string) ([]byte, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n' +
        '\t\treturn nil, fmt.Errorf("load config %s: %v", path, err)\n\t}\n\treturn data, nil\n}\n',
      fixed:
        'package config\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc Load(path string) ([]byte, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n' +
        '\t\treturn nil, fmt.Errorf("load config %s: %w", path, err)\n\t}\n\treturn data, nil\n}\n',
    },
    {
      language: 'go',
      kind: 'good',
      code:
        'package config\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc Load(path string) ([]byte, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n' +
        '\t\treturn nil, fmt.Errorf("load config %s: %w", path, err)\n\t}\n\tif len(data) == 0 {\n' +
        '\t\treturn nil, fmt.Errorf("load config %s: empty (%d bytes)", path, len(data))\n\t}\n\treturn data, nil\n}\n',
    },
  ],
};

function findMisuses(match: RuleMatch): Misuse[] {
  const format = match.capture('format');
  const pkg = match.capture('pkg');
  const args = format?.parent?.namedChildren.filter((node): node is Node => node !== null && node.type !== 'comment') ?? [];
  if (!format || !pkg) return [];
  const go = goFile(match.file);
  if (go.packageOf(pkg) !== 'fmt') return [];
  const values = args.slice(1);
  const misuses: Misuse[] = [];
  for (const verb of formatVerbs(format.text)) {
    if (verb.letter === 'w' || verb.letter === 'T') continue;
    const argument = values[verb.argument];
    if (argument && isErrorValue(go, argument) && !misuses.some((misuse) => misuse.argument.id === argument.id)) misuses.push({ verb, argument });
  }
  return misuses;
}

function short(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 37)}...` : line;
}
