import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../../languages';
import { literalBody } from './literals';
import { personalDataKind } from './names';

/** A logged value whose name says it is personal data or a credential. */
export interface LoggedValue {
  readonly node: Node;
  readonly name: string;
  readonly kind: string;
}

/**
 * Walks the arguments of one log call, only as deep as a value can be logged as it is: names,
 * fields, keys of logged objects and maps, format-string interpolations, string concatenation.
 * A value passed through another call (`mask(email)`, `len(password)`, `hash(ssn)`) is not
 * logged as it is and is not reported.
 */
export function loggedPersonalData(args: Node, language: LanguageId, text: string): LoggedValue[] {
  const found: LoggedValue[] = [];
  const report = (node: Node, name: string) => {
    const kind = personalDataKind(name);
    if (kind) found.push({ node, name, kind });
    return kind !== undefined;
  };
  if (language === 'rust') rustTokens(args, text, report);
  else args.namedChildren.forEach((arg, index) => VISITORS[language](arg, { text, report, first: index === 0 }));
  return found;
}

interface Visit {
  readonly text: string;
  readonly report: (node: Node, name: string) => boolean;
  /** The first argument of a Go call is its message, not a key. */
  readonly first: boolean;
}

type Visitor = (node: Node, visit: Visit) => void;

const python: Visitor = (node, visit) => {
  const again = (child: Node | null) => child && python(child, { ...visit, first: false });
  switch (node.type) {
    case 'identifier':
      visit.report(node, node.text);
      return;
    case 'attribute':
      again(node.childForFieldName('attribute'));
      return;
    case 'subscript': {
      const key = node.childForFieldName('subscript');
      if (key?.type === 'string') visit.report(key, literalBody(key, visit.text));
      else again(node.childForFieldName('value'));
      return;
    }
    case 'keyword_argument': {
      const name = node.childForFieldName('name');
      if (name && ['exc_info', 'stack_info', 'stacklevel'].includes(name.text)) return;
      if (name && name.text !== 'extra' && visit.report(name, name.text)) return;
      again(node.childForFieldName('value'));
      return;
    }
    case 'dictionary':
      for (const pair of node.namedChildren) {
        const key = pair?.childForFieldName('key');
        if (key?.type === 'string' && visit.report(key, literalBody(key, visit.text))) continue;
        again(pair?.childForFieldName('value') ?? null);
      }
      return;
    case 'string':
      for (const part of node.namedChildren) if (part?.type === 'interpolation') again(part.childForFieldName('expression'));
      return;
    case 'binary_operator':
      if (node.childForFieldName('operator')?.text === '%' || node.childForFieldName('operator')?.text === '+') {
        again(node.childForFieldName('left'));
        again(node.childForFieldName('right'));
      }
      return;
    case 'tuple':
    case 'list':
    case 'parenthesized_expression':
    case 'argument_list':
      node.namedChildren.forEach(again);
      return;
    case 'call': {
      // `"...".format(email=...)`, `str(email)`: the value still reaches the log as it is.
      const fn = node.childForFieldName('function');
      const passesThrough =
        (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' && fn.childForFieldName('object')?.type === 'string') ||
        (fn?.type === 'identifier' && (fn.text === 'str' || fn.text === 'repr'));
      if (passesThrough) again(node.childForFieldName('arguments'));
      return;
    }
  }
};

const javascript: Visitor = (node, visit) => {
  const again = (child: Node | null) => child && javascript(child, { ...visit, first: false });
  switch (node.type) {
    case 'identifier':
    case 'shorthand_property_identifier':
      visit.report(node, node.text);
      return;
    case 'member_expression':
      again(node.childForFieldName('property'));
      return;
    case 'property_identifier':
    case 'private_property_identifier':
      visit.report(node, node.text.replace(/^#/, ''));
      return;
    case 'subscript_expression': {
      const index = node.childForFieldName('index');
      if (index?.type === 'string') visit.report(index, literalBody(index, visit.text));
      else again(node.childForFieldName('object'));
      return;
    }
    case 'object':
      for (const member of node.namedChildren) {
        if (member?.type === 'shorthand_property_identifier') again(member);
        else if (member?.type === 'pair') {
          const key = member.childForFieldName('key');
          const keyName = key?.type === 'string' ? literalBody(key, visit.text) : key?.text;
          if (key && keyName !== undefined && visit.report(key, keyName)) continue;
          again(member.childForFieldName('value'));
        }
      }
      return;
    case 'template_string':
      for (const part of node.namedChildren) if (part?.type === 'template_substitution') again(part.namedChild(0));
      return;
    case 'binary_expression':
      if (node.childForFieldName('operator')?.text === '+') {
        again(node.childForFieldName('left'));
        again(node.childForFieldName('right'));
      }
      return;
    case 'parenthesized_expression':
    case 'array':
      node.namedChildren.forEach(again);
      return;
    case 'call_expression': {
      // `JSON.stringify({ email })`, `String(phone)`: the value still reaches the log as it is.
      const fn = node.childForFieldName('function')?.text;
      if (fn === 'JSON.stringify' || fn === 'String') again(node.childForFieldName('arguments')?.namedChild(0) ?? null);
      return;
    }
  }
};

/** Field constructors of structured Go loggers: `zap.String("email", e)`, `slog.Any("user", u)`. */
const GO_FIELD_PACKAGES = new Set(['zap', 'slog', 'zapcore', 'zerolog', 'log']);

const go: Visitor = (node, visit) => {
  const again = (child: Node | null, first = false) => child && go(child, { ...visit, first });
  switch (node.type) {
    case 'identifier':
      visit.report(node, node.text);
      return;
    case 'selector_expression':
      again(node.childForFieldName('field'));
      return;
    case 'field_identifier':
      visit.report(node, node.text);
      return;
    case 'index_expression': {
      const index = node.childForFieldName('index');
      if (index?.type === 'interpreted_string_literal') visit.report(index, literalBody(index, visit.text));
      else again(node.childForFieldName('operand'));
      return;
    }
    case 'interpreted_string_literal': {
      // slog and zap's sugared loggers take alternating keys and values: `"email", u.Email`.
      const body = literalBody(node, visit.text);
      if (!visit.first && /^[A-Za-z][A-Za-z0-9_.-]{1,40}$/.test(body)) visit.report(node, body);
      return;
    }
    case 'unary_expression':
      again(node.childForFieldName('operand'));
      return;
    case 'composite_literal':
      for (const element of node.childForFieldName('body')?.namedChildren ?? []) {
        if (element?.type !== 'keyed_element') continue;
        const key = unwrapElement(element.namedChild(0));
        const keyName = key?.type === 'interpreted_string_literal' ? literalBody(key, visit.text) : key?.text;
        if (key && keyName !== undefined && visit.report(key, keyName)) continue;
        again(unwrapElement(element.namedChild(1)));
      }
      return;
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      const pkg = fn?.type === 'selector_expression' ? fn.childForFieldName('operand')?.text ?? '' : '';
      const passesThrough = GO_FIELD_PACKAGES.has(pkg) || /^fmt\.Sprint/.test(fn?.text ?? '');
      if (passesThrough) node.childForFieldName('arguments')?.namedChildren.forEach((arg, index) => again(arg, index === 0 && pkg === 'fmt'));
      return;
    }
  }
};

/** Keys and values of Go composite literals sit in a `literal_element`. */
function unwrapElement(node: Node | null): Node | null {
  return node?.type === 'literal_element' ? node.namedChild(0) : node;
}

const VISITORS: Readonly<Record<Exclude<LanguageId, 'rust'>, Visitor>> = {
  python,
  typescript: javascript,
  tsx: javascript,
  javascript,
  go,
};

/**
 * Rust log macros take a token tree, not expressions: `info!(email = %user.email, "x {}", a.b)`.
 * A path's last identifier is the logged value unless a call follows it; `name =` is a field or
 * a named format argument; `{name}` in a format string is an inline argument.
 */
function rustTokens(tree: Node, text: string, report: (node: Node, name: string) => boolean): void {
  const tokens = tree.children;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    if (token.type === 'string_literal') {
      for (const inline of literalBody(token, text).matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}/g)) {
        if (report(token, inline[1] ?? '')) break;
      }
      continue;
    }
    if (token.type !== 'identifier') continue;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (next?.type === '!' || next?.type === '::' || prev?.type === '::' || next?.type === ':' || next?.type === '.') {
      // A macro name, a path segment (`Level::INFO`), `target:`, or not the last segment of a path.
      if (next?.type === '!') i++;
      continue;
    }
    if (next?.type === 'token_tree') {
      // A call: its result is logged, not its arguments; `user.email()` is a getter, though.
      if (next.namedChildCount === 0 && prev?.type === '.') report(token, token.text);
      i++;
      continue;
    }
    report(token, token.text);
  }
}
