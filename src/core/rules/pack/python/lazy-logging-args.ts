import type { Node } from 'web-tree-sitter';
import { isFString, isStringLiteral, keywordArgument, positionalArguments, stringParts, stringPrefix } from './syntax';

/** A logging message rewritten as a %-format string and its arguments. */
export interface LazyMessage {
  /** The new string literal, quotes and prefix included. */
  readonly format: string;
  /** Source text of each argument, in order. */
  readonly args: readonly string[];
  /**
   * True when logging will print exactly what the eager version printed: only explicit `!s`/`!r`/`!a`
   * conversions (plain `{x}` calls `format(x, '')`, which differs from `str(x)` for some types, such
   * as mixed-in enums before Python 3.12) and a %-operand whose shape is known (a tuple display).
   */
  readonly exact: boolean;
}

// A `%` or a brace written as an escape becomes a real one at run time: the rewrite would misread it.
const ESCAPED_SPECIALS = /\\(?:x2[5]|x7[bBdD]|045|173|175|N\{)/;

interface Piece {
  readonly literal: boolean;
  readonly text: string;
  /** For literal text of an f-string or `.format` template: `{{`/`}}` are escapes to undo. */
  readonly braces?: boolean;
}

/** Assembles pieces into a literal, escaping `%` only when there are arguments (logging skips `%` without). */
function assemble(start: string, end: string, pieces: readonly Piece[], hasArgs: boolean): string {
  let body = '';
  for (const piece of pieces) {
    if (!piece.literal) {
      body += piece.text;
      continue;
    }
    let text = piece.text;
    if (piece.braces) text = text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    if (hasArgs) text = text.replace(/%/g, '%%');
    body += text;
  }
  return start + body + end;
}

// `[<>]width`, `.precision`, and a numeric type: the subset printf-style formatting spells the same way.
const SIMPLE_SPEC = /^(?:([<>])?(\d+))?(?:\.(\d+))?([dfFeEgGxXo])?$/;

/** The %-directive for a replacement field with conversion `conversion` (`r`, `s`, `a` or none) and `spec`. */
function directive(conversion: string | undefined, spec: string | undefined): string | undefined {
  if (spec === undefined || spec === '') return `%${conversion ?? 's'}`;
  const parts = SIMPLE_SPEC.exec(spec);
  if (!parts) return undefined;
  const [, align, width, precision, type] = parts;
  // Without an explicit type, the default alignment and the meaning of a precision depend on the value's type.
  if (!type && (precision !== undefined || (width !== undefined && !align))) return undefined;
  if (type && conversion) return undefined;
  return `%${align === '<' ? '-' : ''}${width ?? ''}${precision === undefined ? '' : `.${precision}`}${type ?? conversion ?? 's'}`;
}

function argumentText(expression: Node): string {
  // A bare tuple inside braces (`{a, b}`) must keep its parentheses to stay one argument.
  return expression.type === 'expression_list' || expression.type === 'yield' ? `(${expression.text})` : expression.text;
}

/** Splits a string node into its start token, end token and the source between them. */
function delimiters(part: Node): { start: string; end: string; bodyStart: number; bodyEnd: number } | undefined {
  const first = part.firstChild;
  const last = part.lastChild;
  if (first?.type !== 'string_start' || last?.type !== 'string_end') return undefined;
  return { start: first.text, end: last.text, bodyStart: first.endIndex, bodyEnd: last.startIndex };
}

/** `f"x {a!r}"` (possibly implicitly concatenated with plain strings) to `"x %r", a`. */
export function fromFString(message: Node, text: string): LazyMessage | undefined {
  const parts: { start: string; end: string; pieces: Piece[]; node: Node }[] = [];
  const args: string[] = [];
  let exact = true;
  for (const part of stringParts(message)) {
    const bounds = delimiters(part);
    if (!bounds) return undefined;
    const isF = isFString(part);
    if (!stringPrefix(part).includes('r') && ESCAPED_SPECIALS.test(text.slice(bounds.bodyStart, bounds.bodyEnd))) return undefined;
    const pieces: Piece[] = [];
    let at = bounds.bodyStart;
    for (const child of isF ? part.namedChildren : []) {
      if (child.type !== 'interpolation') continue;
      pieces.push({ literal: true, text: text.slice(at, child.startIndex), braces: true });
      at = child.endIndex;
      const expression = child.childForFieldName('expression');
      // `{x=}` prints the expression's source too; not worth rebuilding.
      if (!expression || child.children.some((token) => token.type === '=')) return undefined;
      const conversion = child.childForFieldName('type_conversion')?.text.slice(1);
      const specNode = child.childForFieldName('format_specifier');
      if (specNode && specNode.namedChildCount > 0) return undefined;
      const spec = specNode?.text.replace(/^:/, '');
      const placeholder = directive(conversion, spec);
      if (!placeholder) return undefined;
      if (!conversion || spec) exact = false;
      pieces.push({ literal: false, text: placeholder });
      args.push(argumentText(expression));
    }
    pieces.push({ literal: true, text: text.slice(at, bounds.bodyEnd), braces: isF });
    parts.push({ start: bounds.start.replace(/[fF]/, ''), end: bounds.end, pieces, node: part });
  }
  let format = '';
  let previous: Node | undefined;
  for (const part of parts) {
    // Keep what separated the parts (a space, a line break inside parentheses).
    if (previous) format += text.slice(previous.endIndex, part.node.startIndex);
    format += assemble(part.start, part.end, part.pieces, args.length > 0);
    previous = part.node;
  }
  return { format, args, exact };
}

const LITERALS = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none']);

/** `"x %s" % (a,)` to `"x %s", a`. */
export function fromPercent(message: Node): LazyMessage | undefined {
  const left = message.childForFieldName('left');
  const right = message.childForFieldName('right');
  if (!left || !right || !isStringLiteral(left) || stringParts(left).some(isFString)) return undefined;
  if (right.type === 'tuple') {
    const elements = right.namedChildren.filter((child) => child.type !== 'comment');
    if (elements.some((element) => element.type === 'list_splat' || element.type === 'parenthesized_list_splat')) return undefined;
    // Without arguments logging does not apply `%`, so `%%` would stay doubled.
    if (elements.length === 0 && left.text.includes('%')) return undefined;
    return { format: left.text, args: elements.map((element) => element.text), exact: true };
  }
  if (right.type === 'dictionary') {
    const pairs = right.namedChildren.filter((child) => child.type !== 'comment');
    if (pairs.length === 0 || pairs.some((pair) => pair.type !== 'pair')) return undefined;
    // logging formats with a lone non-empty mapping argument, exactly as `%` with a dict.
    return { format: left.text, args: [right.text], exact: true };
  }
  // A name could hold a tuple at run time, which `%` would spread and logging would not.
  return { format: left.text, args: [right.text], exact: LITERALS.has(right.type) };
}

/** `"x {} {!r}".format(a, b)` to `"x %s %r", a, b`. */
export function fromFormatCall(message: Node, text: string): LazyMessage | undefined {
  const callee = message.childForFieldName('function');
  const template = callee?.childForFieldName('object');
  const callArgs = message.childForFieldName('arguments');
  if (!template || template.type !== 'string' || isFString(template) || !callArgs) return undefined;
  const bounds = delimiters(template);
  if (!bounds) return undefined;
  const raw = stringPrefix(template).includes('r');
  const body = text.slice(bounds.bodyStart, bounds.bodyEnd);
  if (!raw && ESCAPED_SPECIALS.test(body)) return undefined;
  const positional = positionalArguments(callArgs);
  if (positional.some((arg) => arg.type === 'list_splat') || callArgs.namedChildren.some((arg) => arg.type === 'dictionary_splat')) return undefined;

  const pieces: Piece[] = [];
  const used: Node[] = [];
  let exact = true;
  let auto = 0;
  let literalStart = 0;
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if ((char === '{' || char === '}') && body[index + 1] === char) {
      index++;
      continue;
    }
    if (char === '}') return undefined;
    if (char !== '{') continue;
    const close = body.indexOf('}', index);
    if (close < 0) return undefined;
    const field = /^([A-Za-z_]\w*|\d*)(?:!([rsa]))?(?::([^{}]*))?$/.exec(body.slice(index + 1, close));
    if (!field) return undefined;
    const [, name = '', conversion, spec] = field;
    const arg = name === '' ? positional[auto++] : /^\d+$/.test(name) ? positional[Number(name)] : keywordArgument(callArgs, name);
    const placeholder = directive(conversion, spec);
    if (!arg || !placeholder) return undefined;
    if (!conversion || spec) exact = false;
    pieces.push({ literal: true, text: body.slice(literalStart, index), braces: true }, { literal: false, text: placeholder });
    used.push(arg);
    literalStart = close + 1;
    index = close;
  }
  pieces.push({ literal: true, text: body.slice(literalStart), braces: true });
  const allArgs = [...positional, ...callArgs.namedChildren.filter((arg) => arg.type === 'keyword_argument').map((arg) => arg.childForFieldName('value'))];
  // Every argument is evaluated once by `.format`; dropping or repeating one would change side effects.
  if (allArgs.some((arg) => !arg || used.filter((item) => item.startIndex === arg.startIndex).length !== 1)) return undefined;
  if (used.some((arg, index) => index > 0 && arg.startIndex < (used[index - 1]?.startIndex ?? 0))) exact = false;
  return { format: assemble(bounds.start, bounds.end, pieces, used.length > 0), args: used.map(argumentText), exact };
}
