import type { Node } from 'web-tree-sitter';
import type { RuleDefinition } from '../../rule';
import { enclosingHandler, handlerOf, unwrapParens } from './syntax';
import query from './raise-without-from.scm';

/** The handler a raise runs in, unless a `try` body between them may catch it first (a local jump). */
function raisingHandler(raise: Node): Node | undefined {
  const clause = enclosingHandler(raise);
  if (!clause) return undefined;
  for (let node: Node | null = raise; node && node.startIndex > clause.startIndex; node = node.parent) {
    const parent = node.parent;
    if (node.type === 'block' && parent?.type === 'try_statement' && parent.childForFieldName('body')?.equals(node)) return undefined;
  }
  return clause;
}

export const raiseWithoutFrom: RuleDefinition = {
  id: 'py/raise-without-from',
  title: 'Raise inside `except` without `from`',
  severity: 'warning',
  category: 'error-handling',
  message: 'Raising a new exception while handling another: add `from err` to keep the cause, or `from None` to hide it',
  rationale:
    'Without `from`, Python chains the new exception implicitly and prints "During handling of the above exception, ' +
    'another exception occurred", which reads as a bug in the handler. `raise New(...) from err` says the new error ' +
    'is caused by the old one (and sets `__cause__` for callers); `from None` says the old one is an implementation ' +
    'detail. A bare `raise` and re-raising the bound name (`raise err`) are fine, and so is a raise inside a function ' +
    'or class defined in the handler (it does not run there). A raise in the body of a `try` nested in the handler ' +
    'is not reported either: that `try` may catch it (a local jump, `raise AttributeError` caught two lines down). ' +
    'Same findings as Ruff B904 and pylint W0707, except that Ruff also skips the `else` and `finally` of such a ' +
    'nested `try` and the `else` of loops, which run while the outer exception is handled and are reported here. The fix, offered when the handler binds a ' +
    'name, adds `from <name>`; it changes the traceback text, so it is not applied automatically.',
  queries: { python: query },
  // Kept beside the anchor: a file without `except` has no raise to report.
  prefilter: /\bexcept\b/,
  // Not a bare `raise` (the query needs a raised value), which ends its line or statement.
  anchor: /\braise\b(?![ \t]*(?:[\r\n#;]|$))/,
  predicate: (match) => {
    const clause = raisingHandler(match.node);
    if (!clause) return false;
    const exception = match.capture('exception');
    const raised = exception ? unwrapParens(exception) : undefined;
    const { name } = handlerOf(clause);
    return !(raised?.type === 'identifier' && raised.text === name);
  },
  fix: (match) => {
    const clause = raisingHandler(match.node);
    const raised = match.capture('exception');
    const name = clause ? handlerOf(clause).name : undefined;
    if (!raised || !name || raised.type === 'expression_list') return undefined;
    return { title: `Chain the cause with \`from ${name}\``, safe: false, edits: [{ start: raised.endIndex, end: raised.endIndex, newText: ` from ${name}` }] };
  },
  equivalents: ['ruff:B904', 'flake8-bugbear:B904', 'pylint:W0707'],
  examples: [
    {
      language: 'python',
      kind: 'bad',
      code: 'def port(env):\n    try:\n        return int(env["PORT"])\n    except (KeyError, ValueError) as err:\n        raise ConfigError("PORT must be an integer")\n',
      fixed:
        'def port(env):\n    try:\n        return int(env["PORT"])\n    except (KeyError, ValueError) as err:\n        raise ConfigError("PORT must be an integer") from err\n',
    },
    {
      language: 'python',
      kind: 'good',
      code:
        'def port(env):\n    try:\n        return int(env["PORT"])\n    except KeyError:\n        raise ConfigError("PORT is not set") from None\n' +
        '    except ValueError as err:\n        if strict:\n            raise\n        raise err\n',
    },
    {
      language: 'python',
      kind: 'good',
      code: 'try:\n    import ujson as json\nexcept ImportError:\n    def fail(*args):\n        raise RuntimeError("ujson is required")\n',
    },
  ],
};
