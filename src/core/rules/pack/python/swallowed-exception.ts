import type { RuleDefinition } from '../../rule';
import { handlerOf, isUntypedHandler, statements } from './syntax';
import query from './swallowed-exception.scm';

export const swallowedException: RuleDefinition = {
  id: 'py/swallowed-exception',
  title: 'Exception swallowed by `pass`/`continue`',
  severity: 'warning',
  category: 'error-handling',
  cwe: 390,
  message: 'Every error is silently swallowed here: log it, or catch only the exceptions you expect',
  rationale:
    'An `except:`/`except Exception:` whose whole body is `pass`, `continue` or `...` hides every failure of the ' +
    '`try` block, including bugs (a typo raising NameError, a wrong attribute), and leaves no trace to debug from. ' +
    'Same scope as Ruff S110/S112 and bandit B110/B112 with their default `check-typed-exception = false`: only ' +
    'bare handlers and handlers of `Exception`/`BaseException` (also inside a tuple) are reported, because ' +
    '`except KeyError: pass` is a deliberate, narrow decision. Differences: `...` counts like `pass` (Ruff and bandit ' +
    'ignore it), and S110 and S112 are one rule here. A bare or broad handler also gets py/bare-except or ' +
    'py/broad-except, as Ruff reports E722/BLE001 beside S110.',
  queries: { python: query },
  anchor: /\bexcept\b/,
  predicate: (match) => {
    const clause = match.capture('clause');
    const body = match.capture('body');
    if (!clause || !body) return false;
    const handler = handlerOf(clause);
    if (statements(handler.body).length !== 1 || !isUntypedHandler(handler)) return false;
    if (body.type === 'continue_statement') return { message: 'Every error is silently skipped by `continue` here: log it, or catch only the exceptions you expect' };
    return true;
  },
  equivalents: ['ruff:S110', 'ruff:S112', 'bandit:B110', 'bandit:B112'],
  examples: [
    {
      language: 'python',
      kind: 'bad',
      code: 'def load_plugins(paths):\n    for path in paths:\n        try:\n            load(path)\n        except Exception:\n            continue\n',
    },
    { language: 'python', kind: 'bad', code: 'try:\n    os.remove(lock_path)\nexcept:\n    pass  # best effort\n' },
    {
      language: 'python',
      kind: 'good',
      code: 'try:\n    os.remove(lock_path)\nexcept FileNotFoundError:\n    pass\nexcept OSError:\n    log.warning("could not remove %s", lock_path, exc_info=True)\n',
    },
  ],
};
