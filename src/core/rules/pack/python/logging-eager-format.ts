import type { Node } from 'web-tree-sitter';
import type { Fix, RuleDefinition, RuleMatch } from '../../rule';
import { fromFormatCall, fromFString, fromPercent, type LazyMessage } from './lazy-logging-args';
import { isFString, isLoggerReceiver, isStringLiteral, positionalArguments, stringParts, TOKEN_GAP, unwrapParens as unwrap } from './syntax';
import query from './logging-eager-format.scm';

type Kind = 'f-string' | 'percent' | 'format';

function kindOf(node: Node): Kind | undefined {
  const message = unwrap(node);
  switch (message.type) {
    case 'string':
    case 'concatenated_string':
      return stringParts(message).some((part) => isFString(part) && part.namedChildren.some((child) => child.type === 'interpolation')) ? 'f-string' : undefined;
    case 'binary_operator':
      return message.childForFieldName('operator')?.text === '%' ? 'percent' : undefined;
    case 'call': {
      const callee = message.childForFieldName('function');
      const template = callee?.childForFieldName('object');
      return callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'format' && template && isStringLiteral(unwrap(template)) ? 'format' : undefined;
    }
    default:
      return undefined;
  }
}

const MESSAGES: Record<Kind, string> = {
  'f-string': 'f-string in a logging call is formatted even when the level is disabled: pass the values as arguments (`log.info("x %s", x)`)',
  percent: '`%` formatting in a logging call runs even when the level is disabled: pass the values as arguments (`log.info("x %s", x)`)',
  format: '`.format()` in a logging call runs even when the level is disabled: pass the values as arguments (`log.info("x %s", x)`)',
};

function lazyMessage(kind: Kind, message: Node, text: string): LazyMessage | undefined {
  if (kind === 'f-string') return fromFString(message, text);
  if (kind === 'percent') return fromPercent(message);
  return fromFormatCall(message, text);
}

function rewrite(match: RuleMatch): Fix | undefined {
  const message = match.node;
  const kind = kindOf(message);
  const args = message.parent;
  if (!kind || !args) return undefined;
  // A positional argument after the message would be formatted into the new one: leave those alone.
  const positional = positionalArguments(args);
  if (positional[positional.length - 1]?.startIndex !== message.startIndex) return undefined;
  const lazy = lazyMessage(kind, unwrap(message), match.file.text);
  if (!lazy) return undefined;
  const newText = [lazy.format, ...lazy.args].join(', ');
  return { title: 'Pass the values as logging arguments', safe: lazy.exact, edits: [{ start: message.startIndex, end: message.endIndex, newText }] };
}

export const loggingEagerFormat: RuleDefinition = {
  id: 'py/logging-eager-format',
  title: 'Eager string formatting in a logging call',
  severity: 'info',
  category: 'logging',
  message: MESSAGES['f-string'],
  rationale:
    'Logging formats `msg % args` only when a handler emits the record. An f-string, `%` or `.format()` message is ' +
    'built on every call, even for disabled levels; it also gives every record a different message, which defeats ' +
    'grouping by message in log tools (Sentry, Loki), and an error while formatting raises at the call site instead ' +
    'of being reported by logging. Same findings as Ruff G004 (f-string), G002 (`%`) and G001 (`.format`) and ' +
    'pylint W1203/W1201/W1202 on logger-looking receivers (`logging`, `log`, `logger`, `self.logger`, `LOGGER`, ' +
    '`_log`, `logging.getLogger(...)`, Ruff\'s name heuristic plus leading underscores) and the methods ' +
    'debug/info/warning/warn/error/exception/critical/fatal and `log` (message second). Not reported, unlike ' +
    'Ruff G004: an f-string without a replacement field (nothing is formatted; Ruff F541 covers it). Not checked: a ' +
    'message passed as `msg=`, `+` concatenation (Ruff G003), and `logging.info` imported as a bare name. The fix rewrites the message as a %-format with ' +
    'arguments and is marked safe only when the output is provably the same: `%` with a tuple or literal operand, ' +
    'and replacement fields that all use an explicit `!s`/`!r`/`!a` conversion without a format spec (a plain ' +
    '`{x}` calls `format(x, "")`, which differs from `str(x)` for some types). Format specs are translated only ' +
    'where printf spells them the same way (`{x:.2f}` to `%.2f`, `{x:>8}` to `%8s`); `{x=}` and nested specs get no fix.',
  queries: { python: query },
  // `.method(`: the method is an attribute and its argument list follows.
  anchor: new RegExp(String.raw`\.${TOKEN_GAP}(?:debug|info|warning|warn|error|exception|critical|fatal|log)${TOKEN_GAP}\(`),
  predicate: (match) => {
    const receiver = match.capture('receiver');
    const kind = kindOf(match.node);
    if (!receiver || !kind || !isLoggerReceiver(receiver)) return false;
    return kind === 'f-string' ? true : { message: MESSAGES[kind] };
  },
  fix: rewrite,
  equivalents: ['ruff:G004', 'ruff:G002', 'ruff:G001', 'pylint:W1203', 'pylint:W1201', 'pylint:W1202'],
  examples: [
    {
      language: 'python',
      kind: 'bad',
      code: 'logger.info(f"order {order.id!r} shipped to {user.email!s}")\n',
      fixed: 'logger.info("order %r shipped to %s", order.id, user.email)\n',
    },
    {
      language: 'python',
      kind: 'bad',
      code: 'log.warning(f"disk {disk} at {pct:.1f}% full")\n',
      fixed: 'log.warning("disk %s at %.1f%% full", disk, pct)\n',
    },
    {
      language: 'python',
      kind: 'bad',
      code: 'self.logger.error("retry %d of %d failed" % (attempt, limit), exc_info=True)\n',
      fixed: 'self.logger.error("retry %d of %d failed", attempt, limit, exc_info=True)\n',
    },
    {
      language: 'python',
      kind: 'bad',
      code: 'logging.log(logging.DEBUG, "cache {} miss for {!r}".format(name, key))\n',
      fixed: 'logging.log(logging.DEBUG, "cache %s miss for %r", name, key)\n',
    },
    { language: 'python', kind: 'good', code: 'logger.info("order %r shipped to %s", order.id, user.email)\nparser.error(f"unknown option {opt}")\n' },
  ],
};
