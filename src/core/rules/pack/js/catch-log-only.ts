import type { Node } from 'web-tree-sitter';
import type { RuleDefinition } from '../../rule';
import query from './catch-log-only.scm';

const LOGGER = /^(console|logger|Logger|LOGGER|log|Log|LOG|_logger|_log)$/;

/** `console.x(...)`, `logger.x(...)`, `this.logger.x(...)` as a whole statement. */
function isLogStatement(node: Node): boolean {
  if (node.type !== 'expression_statement') return false;
  const call = node.firstNamedChild;
  if (call?.type !== 'call_expression') return false;
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'member_expression') return false;
  const object = callee.childForFieldName('object');
  if (object?.type === 'identifier') return LOGGER.test(object.text);
  if (object?.type !== 'member_expression' || object.childForFieldName('object')?.type !== 'this') return false;
  return LOGGER.test(object.childForFieldName('property')?.text ?? '');
}

export const catchLogOnly: RuleDefinition = {
  id: 'js/catch-log-only',
  title: 'Catch that only logs and carries on',
  severity: 'info',
  category: 'error-handling',
  cwe: 390,
  message: 'This catch only logs, then carries on as if nothing failed: rethrow, return a failure, or recover',
  rationale:
    'Logging is not handling: after `catch (e) { console.error(e) }` the code goes on with whatever state the failed ' +
    'operation left behind, the caller believes it succeeded, and a CLI exits with status 0. The rule fires when every ' +
    'statement of the catch block is a call on `console`, `logger`/`log` (any case) or `this.logger`/`this.log`: ' +
    'nothing is rethrown, returned, assigned or retried. A comment in the block counts as a statement of intent ' +
    '(like ESLint `no-empty` does for empty blocks) and keeps it quiet. Promise handlers such as ' +
    '`.catch(console.error)` at the end of a chain are not flagged: there they are the terminal handler that ' +
    '`promise/catch-or-return` asks for. Neither ESLint nor typescript-eslint has an equivalent. SonarJS S2486 ' +
    '(`sonarjs/no-ignored-exceptions`) overlaps only in part: it flags a catch whose variable is never read, whatever ' +
    'the block does, so it misses `catch (e) { console.error(e) }` and flags `catch (e) { return fallback }`. ' +
    'Quiet in tests, benchmarks and examples.',
  queries: { javascript: query, typescript: query, tsx: query },
  // No `\b` before the keyword: in code being typed a digit may touch it (`1catch`).
  anchor: /catch\b/,
  predicate: (match) => {
    const body = match.capture('body');
    if (!body) return false;
    for (const statement of body.namedChildren) {
      if (!statement || !isLogStatement(statement)) return false;
    }
    return true;
  },
  spare: ['test', 'bench', 'example'],
  equivalents: [],
  examples: [
    {
      language: 'typescript',
      kind: 'bad',
      code: "async function saveOrder(order: Order): Promise<void> {\n  try {\n    await db.insert('orders', order);\n  } catch (err) {\n    logger.error('could not save order', err);\n  }\n  await mailer.sendConfirmation(order);\n}\n",
    },
    {
      language: 'javascript',
      kind: 'bad',
      code: "function readConfig(path) {\n  let config = {};\n  try {\n    config = JSON.parse(fs.readFileSync(path, 'utf8'));\n  } catch (e) {\n    console.warn('bad config');\n    console.warn(e);\n  }\n  return config;\n}\n",
    },
    {
      language: 'tsx',
      kind: 'bad',
      code: "export function SaveButton({ draft }: { draft: Draft }) {\n  const save = async () => {\n    try {\n      await api.saveDraft(draft);\n    } catch (err) {\n      console.error('save failed', err);\n    }\n    toast('Saved');\n  };\n  return <button onClick={save}>Save</button>;\n}\n",
    },
    {
      language: 'typescript',
      kind: 'good',
      code: "async function saveOrder(order: Order): Promise<void> {\n  try {\n    await db.insert('orders', order);\n  } catch (err) {\n    logger.error('could not save order', err);\n    throw new OrderNotSavedError(order.id, { cause: err });\n  }\n  await mailer.sendConfirmation(order);\n}\n",
    },
    {
      language: 'javascript',
      kind: 'good',
      code: "function readConfig(path) {\n  try {\n    return JSON.parse(fs.readFileSync(path, 'utf8'));\n  } catch (e) {\n    // A broken config must not stop the editor: defaults are safe, and the warning says what to fix.\n    console.warn(`ignoring ${path}: ${e.message}`);\n  }\n  return {};\n}\n",
    },
    {
      language: 'typescript',
      kind: 'good',
      path: 'test/orders.test.ts',
      code: "it('saves', async () => {\n  try {\n    await saveOrder(order);\n  } catch (err) {\n    console.error(err);\n  }\n});\n",
    },
  ],
};
