import type { Node } from 'web-tree-sitter';
import type { RuleDefinition } from '../../rule';
import query from './throw-literal.scm';
import typescriptQuery from './throw-literal.typescript.scm';

const NEVER_AN_ERROR = new Set([
  'string',
  'template_string',
  'number',
  'object',
  'array',
  'null',
  'undefined',
  'true',
  'false',
  'regex',
  'unary_expression',
  'arrow_function',
  'function_expression',
  'class',
]);

/**
 * Whether the value thrown could be an Error object: ESLint's `couldBeError`, except that it looks
 * through TypeScript wrappers (`e as Error`, `e!`) and gives the benefit of the doubt to node
 * types it does not know (`this`, `import.meta`).
 */
function couldBeError(thrown: Node | null): boolean {
  // Each case narrows to the operands the value can come from; it could be an Error if any can.
  // A worklist, not recursion: generated code nests ternaries thousands deep.
  const pending: (Node | null)[] = [thrown];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) return true;
    if (NEVER_AN_ERROR.has(node.type)) continue;
    switch (node.type) {
      case 'identifier':
        if (node.text !== 'undefined') return true;
        continue;
      case 'parenthesized_expression':
      case 'sequence_expression':
        pending.push(node.lastNamedChild);
        continue;
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression':
        pending.push(node.firstNamedChild);
        continue;
      case 'ternary_expression':
        pending.push(node.childForFieldName('consequence'), node.childForFieldName('alternative'));
        continue;
      case 'assignment_expression':
        pending.push(node.childForFieldName('right'));
        continue;
      case 'binary_expression':
      case 'augmented_assignment_expression': {
        const operator = node.childForFieldName('operator')?.type;
        const right = node.childForFieldName('right');
        // `a && b` is `b` when it is not falsy; `a || b` and `a ?? b` may be either.
        if (operator === '&&' || operator === '&&=') pending.push(right);
        else if (operator === '||' || operator === '??' || operator === '||=' || operator === '??=') pending.push(node.childForFieldName('left'), right);
        // Otherwise arithmetic, comparison, string concatenation: a primitive.
        continue;
      }
      default:
        return true;
    }
  }
  return false;
}

export const throwLiteral: RuleDefinition = {
  id: 'js/throw-literal',
  title: 'Throw of a value that is not an Error',
  severity: 'warning',
  category: 'error-handling',
  message: 'Throw an `Error` (or a subclass), not {value}: a value that is not an Error has no stack trace',
  rationale:
    'A thrown string, number, object literal or `undefined` carries no stack trace, fails `err instanceof Error` in ' +
    'the catch that receives it, and loses `cause` chaining; handlers written for errors then read `err.message` as ' +
    'undefined. Same check as ESLint `no-throw-literal` (syntactic: it flags a value that can never be an Error, ' +
    'looking through `a || b`, `a ? b : c`, `(a, b)` and assignments the way ESLint does). Differences on purpose: ' +
    'TypeScript wrappers are looked through, so `throw err as Error` and `throw err!` are not flagged (ESLint flags ' +
    'any TypeScript expression node), and `throw this` is given the benefit of the doubt (it is how an Error ' +
    'subclass rethrows itself). `@typescript-eslint/only-throw-error` checks the same with type information, so it ' +
    'also catches `throw someString` where the variable is a string; this rule cannot see types and does not. The fix ' +
    'wraps a string or template in `new Error(...)`; it is offered in the editor only, because a catch that tests ' +
    "`typeof err === 'string'` would behave differently.",
  queries: { javascript: query, typescript: typescriptQuery, tsx: typescriptQuery },
  // No `\b` before the keyword: in code being typed a digit may touch it (`x = 1throw 'e'`).
  anchor: /throw\b/,
  predicate: (match) => {
    const compound = match.capture('compound');
    return compound === undefined || !couldBeError(compound);
  },
  fix: (match) => {
    const value = match.capture('value');
    if (!value || (value.type !== 'string' && value.type !== 'template_string')) return undefined;
    return {
      title: 'Throw `new Error(...)` with this message',
      safe: false,
      edits: [{ start: value.startIndex, end: value.endIndex, newText: `new Error(${value.text})` }],
    };
  },
  equivalents: ['eslint:no-throw-literal', '@typescript-eslint/only-throw-error'],
  examples: [
    {
      language: 'typescript',
      kind: 'bad',
      code: 'function parsePort(text: string): number {\n  const port = Number(text);\n  if (!Number.isInteger(port)) throw `invalid port: ${text}`;\n  return port;\n}\n',
      fixed:
        'function parsePort(text: string): number {\n  const port = Number(text);\n  if (!Number.isInteger(port)) throw new Error(`invalid port: ${text}`);\n  return port;\n}\n',
    },
    {
      language: 'javascript',
      kind: 'bad',
      code: "function withdraw(account, amount) {\n  if (amount > account.balance) throw { code: 'INSUFFICIENT_FUNDS', amount };\n  account.balance -= amount;\n}\n",
    },
    {
      language: 'typescript',
      kind: 'good',
      code: "function load(raw: unknown): Config {\n  if (!isConfig(raw)) throw new TypeError('config: expected an object');\n  return raw;\n}\ntry {\n  load(read());\n} catch (err) {\n  throw err as Error;\n}\n",
    },
    {
      language: 'javascript',
      kind: 'good',
      code: "function withdraw(account, amount) {\n  if (amount > account.balance) throw new InsufficientFundsError(amount);\n  account.balance -= amount;\n}\nfunction rethrow(err) {\n  throw err || new Error('unknown failure');\n}\n",
    },
  ],
};
