import type { RuleDefinition } from '../../rule';
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
    'Same findings as Ruff/flake8 E722 and pylint W0702 (bare-except). The fix narrows it to `except Exception:`, ' +
    'which keeps the handler working for every ordinary error.',
  queries: { python: query },
  fix: (match) => {
    const colon = match.capture('colon');
    if (!colon) return undefined;
    return { title: 'Catch `Exception` instead', safe: true, edits: [{ start: colon.startIndex, end: colon.startIndex, newText: ' Exception' }] };
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
  ],
};
