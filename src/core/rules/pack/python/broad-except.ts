import type { Node } from 'web-tree-sitter';
import type { RuleDefinition } from '../../rule';
import { handlerOf, isBroadException, isLoggerReceiver, LOGGER_METHODS, someInScope } from './syntax';
import query from './broad-except.scm';

/** Calls that record the error: loggers, `warnings.warn`, `traceback.print_exc()`, `log_error(...)`. */
const REPORTING_FUNCTIONS = /^(?:warnings\.warn|traceback\.(?:print_exc|print_exception|format_exc|format_exception|print_tb|print_stack)|(?:self\.)?_*log(?:_\w+|[A-Z]\w*)?)$/;
/** Calls that end the program or raise on the caller's behalf: the error is not swallowed. */
const EXITING_FUNCTIONS = /^(?:sys\.exit|os\._exit|exit|quit|os\.abort|(?:six\.)?reraise|(?:six\.)?raise_from)$/;

function reportsOrRaises(node: Node): boolean {
  if (node.type === 'raise_statement') return true;
  if (node.type !== 'call') return false;
  const callee = node.childForFieldName('function');
  if (!callee) return false;
  if (callee.type === 'attribute') {
    const method = callee.childForFieldName('attribute')?.text ?? '';
    const receiver = callee.childForFieldName('object');
    if (receiver && LOGGER_METHODS.has(method) && isLoggerReceiver(receiver)) return true;
  }
  const name = callee.text;
  return REPORTING_FUNCTIONS.test(name) || EXITING_FUNCTIONS.test(name);
}

export const broadExcept: RuleDefinition = {
  id: 'py/broad-except',
  title: 'Broad exception caught and dropped',
  severity: 'warning',
  category: 'error-handling',
  cwe: 396,
  message: '`except {match}` catches every error and neither logs nor re-raises it: narrow it, log it, or re-raise',
  rationale:
    'Catching `Exception` turns bugs (TypeError, AttributeError, NameError) into silent wrong behaviour. A broad ' +
    'handler is fine at a boundary that records the failure, so the rule stays quiet when the handler raises ' +
    '(bare `raise`, `raise Other(...) from err`, or any other raise: the error still propagates), logs (a method of ' +
    'a logger-looking receiver such as `logging`, `log`, `logger`, `self.logger`, `LOGGER`, `_log`, ' +
    '`logging.getLogger(...)`, or a `log...` function), warns (`warnings.warn`), prints a traceback ' +
    '(`traceback.print_exc` and friends) or exits or re-raises through a helper (`sys.exit`, `six.reraise`). Code in nested functions and classes does not count. ' +
    'Ruff BLE001 is stricter: it accepts only re-raising the caught exception itself and logging with the traceback ' +
    '(`.exception(...)`, or `exc_info=` on `error`/`critical`); here `log.error("failed: %s", err)` or ' +
    '`raise ConfigError(...)` counts as handled, because the error is recorded or converted, not dropped (the ' +
    'missing `from` is py/raise-without-from\'s business). pylint W0718 reports every broad handler without a raise ' +
    'at its top level. A bare `except:` is py/bare-except, not this rule (as in Ruff).',
  queries: { python: query },
  // The caught name itself, as the query's #any-of? spells it.
  anchor: /\b(?:Base)?Exception\b/,
  predicate: (match) => {
    const clause = match.capture('clause');
    if (!clause) return false;
    const handler = handlerOf(clause);
    // One finding per handler: the first broad name of a tuple speaks for the others.
    if (handler.types.find(isBroadException)?.startIndex !== match.node.startIndex) return false;
    return !handler.body || !someInScope(handler.body, reportsOrRaises);
  },
  equivalents: ['ruff:BLE001', 'pylint:W0718'],
  examples: [
    {
      language: 'python',
      kind: 'bad',
      code: 'def fetch_price(symbol):\n    try:\n        return api.quote(symbol).price\n    except Exception:\n        return None\n',
    },
    {
      language: 'python',
      kind: 'bad',
      code: 'try:\n    config = parse(text)\nexcept (ValueError, BaseException) as err:\n    config = DEFAULTS\n',
    },
    {
      language: 'python',
      kind: 'good',
      code:
        'def fetch_price(symbol):\n    try:\n        return api.quote(symbol).price\n    except Exception:\n' +
        '        logger.exception("quote failed for %s", symbol)\n        return None\n',
    },
    {
      language: 'python',
      kind: 'good',
      code: 'try:\n    config = parse(text)\nexcept Exception as err:\n    raise ConfigError(path) from err\n',
    },
  ],
};
