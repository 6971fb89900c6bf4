import type { RuleDefinition } from '../../rule';
import { blockOf, statements } from './syntax';
import query from './bare-except.scm';

export const bareExcept: RuleDefinition = {
  id: 'py/bare-except',
  title: 'Bare except',
  severity: 'warning',
  category: 'error-handling',
  cwe: 396,
  message: 'Bare `except:` also catches KeyboardInterrupt and SystemExit; catch `Exception` or narrower',
  rationale:
    'A bare `except:` catches BaseException, so Ctrl-C and `sys.exit()` are swallowed along with real errors. ' +
    'A handler that ends in a bare `raise` (cleanup, then re-raise) is fine and not reported: it must see every ' +
    'exception. That matches Ruff E722 and pylint W0702 (bare-except); pycodestyle/flake8 E722 also report the ' +
    're-raising handlers. The fix narrows it to `except Exception:`, which keeps the handler working for every ' +
    'ordinary error; it is offered in the editor, not applied by `--fix`, because KeyboardInterrupt, SystemExit ' +
    'and GeneratorExit then pass through the handler, which is the point but still a change of behaviour.',
  queries: { python: query },
  anchor: /\bexcept\s*:/,
  predicate: (match) => {
    const clause = match.node.parent;
    const body = clause ? blockOf(clause) : undefined;
    return !statements(body).some((statement) => statement.type === 'raise_statement' && statement.namedChildCount === 0);
  },
  fix: (match) => {
    const colon = match.capture('colon');
    if (!colon) return undefined;
    return { title: 'Catch `Exception` instead', safe: false, edits: [{ start: colon.startIndex, end: colon.startIndex, newText: ' Exception' }] };
  },
  equivalents: ['ruff:E722', 'flake8:E722', 'pylint:W0702', 'pycodestyle:E722'],
  examples: [
    {
      language: 'python',
      kind: 'bad',
      code: 'try:\n    run()\nexcept:\n    log.exception("run failed")\n',
      fixed: 'try:\n    run()\nexcept Exception:\n    log.exception("run failed")\n',
    },
    { language: 'python', kind: 'good', code: 'try:\n    run()\nexcept Exception:\n    log.exception("run failed")\n' },
    { language: 'python', kind: 'good', code: 'tmp = open_temp()\ntry:\n    write(tmp)\nexcept:\n    tmp.discard()\n    raise\n' },
  ],
};
