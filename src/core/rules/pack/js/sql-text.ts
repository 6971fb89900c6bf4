import type { Node } from 'web-tree-sitter';
import { inOrder } from '../common/keyword-pairs';

/** What a string-building expression says: its constant text, and the first value spliced in. */
export interface BuiltText {
  readonly text: string;
  readonly tainted: Node | undefined;
}

/** Calls whose result is safe to splice into SQL: escaping and quoting helpers (not `unescape`), numeric casts. */
const SAFE_CALL = /^(?!un)[\w$]*(?:escape|quote)[\w$]*$|^(?:format|Number|parseInt|parseFloat|toFixed)$/i;
/** `TABLE_NAME`, `Columns.CREATED_AT`: constants by convention, not user input. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;
const NUMERIC_OPERATORS = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);
const COMPARISONS = new Set(['<', '>', '<=', '>=', '==', '!=', '===', '!==', 'instanceof', 'in']);

function calleeName(call: Node): string {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'member_expression') return callee.childForFieldName('property')?.text ?? '';
  return callee?.text ?? '';
}

/** Whether a spliced value cannot carry input into the SQL text: literals, constants, numbers, escapes. */
function isSafeValue(node: Node | null): boolean {
  if (!node) return true;
  switch (node.type) {
    case 'number':
    case 'string':
    case 'true':
    case 'false':
    case 'null':
    case 'undefined':
    case 'unary_expression':
      return true;
    case 'template_string':
      return node.namedChildren.every((part) => part?.type !== 'template_substitution' || isSafeValue(part.firstNamedChild));
    case 'parenthesized_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression':
      return isSafeValue(node.firstNamedChild);
    case 'ternary_expression':
      return isSafeValue(node.childForFieldName('consequence')) && isSafeValue(node.childForFieldName('alternative'));
    case 'binary_expression': {
      const operator = node.childForFieldName('operator')?.type ?? '';
      if (NUMERIC_OPERATORS.has(operator) || COMPARISONS.has(operator)) return true;
      return isSafeValue(node.childForFieldName('left')) && isSafeValue(node.childForFieldName('right'));
    }
    case 'identifier':
      return CONSTANT_NAME.test(node.text);
    case 'member_expression':
      return CONSTANT_NAME.test(node.childForFieldName('property')?.text ?? '');
    case 'call_expression':
      return SAFE_CALL.test(calleeName(node));
    default:
      return false;
  }
}

/** The constant text of a string built by templates and `+`, with each spliced value as `?`. */
export function builtText(node: Node): BuiltText {
  const parts: string[] = [];
  let tainted: Node | undefined;
  // A stack, not recursion: a generated `"..." + a + "..." + b ...` can nest thousands deep.
  const pending: Node[] = [node];
  for (let current = pending.pop(); current; current = pending.pop()) {
    switch (current.type) {
      case 'string':
        parts.push(current.text.slice(1, -1));
        continue;
      case 'template_string':
        for (const part of current.namedChildren) {
          if (!part) continue;
          if (part.type !== 'template_substitution') {
            parts.push(part.text);
            continue;
          }
          const value = part.firstNamedChild;
          if (!isSafeValue(value)) tainted ??= value ?? part;
          parts.push('?');
        }
        continue;
      case 'parenthesized_expression':
        if (current.firstNamedChild) pending.push(current.firstNamedChild);
        continue;
      case 'binary_expression': {
        const left = current.childForFieldName('left');
        const right = current.childForFieldName('right');
        if (current.childForFieldName('operator')?.type === '+' && left && right) {
          // The left side first: it is taken from the stack first.
          pending.push(right, left);
          continue;
        }
        break;
      }
    }
    if (!isSafeValue(current)) tainted ??= current;
    parts.push('?');
  }
  return { text: parts.join(''), tainted };
}

/** Upper- and lower-case versions of a pattern written in lower case: SQL is written in one or the other. */
function bothCases(source: string, flags = ''): [RegExp, RegExp] {
  const upper = source.replace(/\\[a-z]|[a-z]+/g, (token) => (token.startsWith('\\') ? token : token.toUpperCase()));
  return [new RegExp(source, flags), new RegExp(upper, flags)];
}

/** Text that is unmistakably a SQL statement (English prose rarely has these shapes in one case). */
const STATEMENT = bothCases(
  '\\binsert\\s+(?:or\\s+\\w+\\s+)?into\\b|' +
    '\\bdelete\\s+from\\b|\\b(?:create|drop|alter|truncate)\\s+(?:(?:temp|temporary|unique|or\\s+replace|if\\s+(?:not\\s+)?exists)\\s+)*' +
    '(?:table|index|view|schema|database|sequence|function|trigger|type|extension)\\b',
);
/** `select ... from` and `update ... set`, any distance apart, in one case (see `inOrder`). */
const KEYWORD_PAIRS = [...inBothCases('\\bselect\\s', '\\bfrom\\b'), ...inBothCases('\\bupdate\\s', '\\bset\\b')];

function inBothCases(first: string, then: string): [RegExp, RegExp][] {
  const [lowerFirst, upperFirst] = bothCases(first);
  const [lowerThen, upperThen] = bothCases(then, 'g');
  return [
    [lowerFirst, lowerThen],
    [upperFirst, upperThen],
  ];
}

/** Text that starts like a SQL statement: enough when the method already says "query". */
const LEADING_KEYWORD = bothCases(
  '^[\\s(]*(?:select|insert|update|delete|with|create|drop|alter|truncate|merge|replace|upsert|grant|revoke|set|show|' +
    'pragma|vacuum|analyze|explain|lock|copy|call|declare|refresh|reindex|comment)\\b|\\bwhere\\s',
);

export function looksLikeSql(text: string, loose: boolean): boolean {
  if (STATEMENT.some((pattern) => pattern.test(text))) return true;
  if (KEYWORD_PAIRS.some(([first, then]) => inOrder(text, first, then))) return true;
  return loose && LEADING_KEYWORD.some((pattern) => pattern.test(text));
}
