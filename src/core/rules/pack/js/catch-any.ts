import type { Node } from 'web-tree-sitter';
import type { RuleDefinition } from '../../rule';
import query from './catch-any.typescript.scm';

const EQUALITY = new Set(['===', '!==', '==', '!=']);

/** Whether a reference to the caught value still compiles once it is `unknown` instead of `any`. */
function acceptsUnknown(reference: Node): boolean {
  const parent = reference.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'throw_statement':
    case 'template_substitution':
      return true;
    case 'unary_expression': {
      const operator = parent.childForFieldName('operator')?.type;
      return operator === 'typeof' || operator === '!';
    }
    case 'binary_expression': {
      const operator = parent.childForFieldName('operator')?.type ?? '';
      if (EQUALITY.has(operator)) return true;
      return operator === 'instanceof' && parent.childForFieldName('left')?.equals(reference) === true;
    }
    case 'assignment_expression':
      return parent.childForFieldName('left')?.equals(reference) === true;
    case 'arguments': {
      // console.* takes `any[]`, String() takes `any`: both accept `unknown`.
      const callee = parent.parent?.childForFieldName('function');
      if (callee?.type === 'identifier') return callee.text === 'String';
      return callee?.type === 'member_expression' && callee.childForFieldName('object')?.text === 'console';
    }
    default:
      return false;
  }
}

/**
 * `unknown` is safe to write only when it provably still compiles: the parameter is a plain name
 * and every use of that name in the handler accepts `unknown`. Anything else (`e.message`, passing
 * `e` to a typed function, returning it, destructuring) would need narrowing first.
 */
function unknownCompiles(param: Node, body: Node): boolean {
  if (param.type !== 'identifier') return false;
  const name = param.text;
  const candidates = body.type === 'identifier' ? [body] : body.descendantsOfType(['identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern']);
  for (const node of candidates) {
    if (node.text !== name) continue;
    if (node.type !== 'identifier' || !acceptsUnknown(node)) return false;
  }
  return true;
}

export const catchAny: RuleDefinition = {
  id: 'js/catch-any',
  title: 'Caught value typed `any`',
  severity: 'warning',
  category: 'error-handling',
  message: 'The caught value is typed `any`: anything thrown can be used unchecked; type it `unknown` and narrow it',
  rationale:
    'Anything can be thrown (strings, plain objects, `undefined`), so `catch (e: any)` lets `e.message` or ' +
    '`e.response.status` compile and then fail, or print `undefined`, inside the error path, where bugs are least ' +
    'tested. `unknown` makes the handler narrow first (`e instanceof Error`). The same holds for a promise handler, ' +
    '`.catch((e: any) => ...)`. Equivalents: `@typescript-eslint/no-explicit-any` reports these among every other ' +
    '`any`; `@typescript-eslint/no-implicit-any-catch` (removed in typescript-eslint 6) reported exactly this; the ' +
    'compiler option `useUnknownInCatchVariables` (part of `strict`) types an unannotated catch variable `unknown` but ' +
    'leaves an explicit `: any` alone, which is why the annotation is worth flagging even in strict projects. ' +
    '`@typescript-eslint/use-unknown-in-catch-callback-variable` also flags untyped promise handlers, which needs type ' +
    'information; this rule only sees the written annotation. TypeScript and TSX only. The fix writes `unknown`. It ' +
    'never changes behaviour (types are erased), but it compiles only if the handler narrows before using the value, ' +
    'so it is marked safe only when every use of the name accepts `unknown` as it is: `throw e`, `console.*(e)`, ' +
    '`String(e)`, `${e}`, `e instanceof X`, `typeof e`, `!e`, `e === x`, `e = x`, or no use at all. Otherwise it is ' +
    'offered in the editor only.',
  queries: { typescript: query, tsx: query },
  // Both patterns hold the word: the `catch` keyword of the clause, the `.catch` of the call. No `\b`
  // before it: in code being typed a digit may touch it (`1catch`).
  anchor: /catch\b/,
  fix: (match) => {
    const param = match.capture('param');
    const body = match.capture('body');
    return {
      title: 'Type the caught value `unknown`',
      safe: param !== undefined && body !== undefined && unknownCompiles(param, body),
      edits: [{ start: match.node.startIndex, end: match.node.endIndex, newText: 'unknown' }],
    };
  },
  equivalents: ['@typescript-eslint/no-explicit-any', '@typescript-eslint/no-implicit-any-catch'],
  examples: [
    {
      language: 'typescript',
      kind: 'bad',
      code: "async function fetchUser(id: string): Promise<User | undefined> {\n  try {\n    return await api.get(`/users/${id}`);\n  } catch (err: any) {\n    if (err.response.status === 404) return undefined;\n    throw err;\n  }\n}\n",
      fixed:
        "async function fetchUser(id: string): Promise<User | undefined> {\n  try {\n    return await api.get(`/users/${id}`);\n  } catch (err: unknown) {\n    if (err.response.status === 404) return undefined;\n    throw err;\n  }\n}\n",
    },
    {
      language: 'tsx',
      kind: 'bad',
      code: "function SaveButton({ onSave }: { onSave: () => Promise<void> }) {\n  const save = () => onSave().catch((e: any) => toast(e.message));\n  return <button onClick={save}>Save</button>;\n}\n",
      fixed:
        "function SaveButton({ onSave }: { onSave: () => Promise<void> }) {\n  const save = () => onSave().catch((e: unknown) => toast(e.message));\n  return <button onClick={save}>Save</button>;\n}\n",
    },
    {
      language: 'typescript',
      kind: 'good',
      code: "async function fetchUser(id: string): Promise<User | undefined> {\n  try {\n    return await api.get(`/users/${id}`);\n  } catch (err: unknown) {\n    if (err instanceof HttpError && err.status === 404) return undefined;\n    throw err;\n  }\n}\n",
    },
    {
      language: 'tsx',
      kind: 'good',
      code: "function SaveButton({ onSave }: { onSave: () => Promise<void> }) {\n  const save = () => onSave().catch((e) => toast(e instanceof Error ? e.message : String(e)));\n  return <button onClick={save}>Save</button>;\n}\n",
    },
  ],
};
