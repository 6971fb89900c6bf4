import type { RuleDefinition } from '../../rule';
import { keywordArgument } from './syntax';
import query from './print-call.scm';

/** Functions whose prints are a command line's or a demo's output, not diagnostics. */
const ENTRY_POINTS = /^_*(?:main|cli|run_cli|demo|test)(?:_\w*)?$/;

export const printCall: RuleDefinition = {
  id: 'py/print-call',
  title: '`print()` in library code',
  severity: 'info',
  category: 'logging',
  message: '`print()` in library code: use a logger so the output has a level, a source and a destination the application controls',
  rationale:
    'Diagnostics written with `print()` cannot be filtered by level, carry no timestamp or module, and go to ' +
    'stdout, where they mix with the program\'s real output. Same findings as Ruff T201, with purposeful quiet ' +
    'places where printing is the point: tests, benchmarks and examples (by path or test function), command-line ' +
    'entry points (a module-level `def main()`, code under `if __name__ == "__main__":`, `__main__.py`, functions ' +
    'named like `_main`, `cli`, `demo` or `_test`), and scripts (a file starting with a `#!` line). As in Ruff, ' +
    '`print(..., file=stream)` is output to a file, not logging, and is not reported unless the stream is ' +
    '`sys.stdout` or `sys.stderr`.',
  queries: { python: query },
  anchor: /\bprint\b/,
  spare: ['test', 'bench', 'example', 'main'],
  predicate: (match) => {
    const file = keywordArgument(match.capture('args'), 'file');
    if (file && !/^(?:None|sys\.std(?:out|err))$/.test(file.text)) return false;
    if (match.file.text.startsWith('#!')) return false;
    for (let node = match.node.parent; node; node = node.parent) {
      if (node.type === 'function_definition' && ENTRY_POINTS.test(node.childForFieldName('name')?.text ?? '')) return false;
    }
    return true;
  },
  equivalents: ['ruff:T201', 'flake8-print:T201'],
  examples: [
    {
      language: 'python',
      kind: 'bad',
      path: 'src/billing/invoice.py',
      code: 'def send(invoice):\n    print("sending invoice", invoice.id)\n    mailer.send(invoice)\n',
    },
    {
      language: 'python',
      kind: 'good',
      path: 'src/billing/invoice.py',
      code: 'log = logging.getLogger(__name__)\n\ndef send(invoice):\n    log.info("sending invoice %s", invoice.id)\n    mailer.send(invoice)\n',
    },
    {
      language: 'python',
      kind: 'good',
      path: 'src/billing/report.py',
      code: 'def write(rows, out):\n    for row in rows:\n        print(*row, sep=",", file=out)\n\nif __name__ == "__main__":\n    print(summary())\n',
    },
    { language: 'python', kind: 'good', path: 'tests/test_invoice.py', code: 'def test_send():\n    print(render(invoice))\n' },
  ],
};
