import type { RuleDefinition } from '../../rule';
import query from './empty-catch.scm';

export const emptyCatch: RuleDefinition = {
  id: 'js/empty-catch',
  title: 'Empty catch block',
  severity: 'warning',
  category: 'error-handling',
  cwe: 1069,
  message: 'Empty catch: the error is silently dropped; handle it, rethrow it, or say in a comment why it is ignored',
  rationale:
    'An empty handler turns every failure of the guarded code, including the ones nobody expected (a typo that ' +
    'throws TypeError, an out-of-memory, a bug in a dependency), into silent success. Same findings as ESLint ' +
    '`no-empty` on catch blocks: a comment between the braces marks the silence as intended and is not flagged ' +
    '(`no-empty` also reports other empty blocks such as `if (x) {}`, which are not about errors and not ours). ' +
    'On purpose, a promise rejection handler with an empty body, `promise.catch(() => {})` or ' +
    '`.catch(function () {})`, is flagged too: it drops the rejection the same way. ESLint reports those only through ' +
    'the general `no-empty-function`; a comment inside the handler exempts it as well. `.catch(() => null)` and ' +
    '`.catch(noop)` are not flagged: they state a fallback value or name the intent.',
  queries: { javascript: query, typescript: query, tsx: query },
  // Both patterns hold the word: the `catch` keyword of the clause, the `.catch` of the call. No `\b`
  // before it: in code being typed a digit may touch it (`1catch`).
  anchor: /catch\b/,
  equivalents: ['eslint:no-empty', 'eslint:no-empty-function', '@typescript-eslint/no-empty-function'],
  examples: [
    {
      language: 'typescript',
      kind: 'bad',
      code: "async function loadSettings(path: string): Promise<Settings> {\n  try {\n    return parseSettings(await readFile(path, 'utf8'));\n  } catch {}\n  return DEFAULT_SETTINGS;\n}\n",
    },
    {
      language: 'javascript',
      kind: 'bad',
      code: "function cleanup(dir) {\n  try {\n    fs.rmSync(dir, { recursive: true });\n  } catch (err) {\n  }\n}\nfetch('/api/ping').catch(() => {});\n",
    },
    {
      language: 'tsx',
      kind: 'bad',
      code: 'export function Avatar({ url }: { url: string }) {\n  useEffect(() => {\n    preload(url).catch(() => {});\n  }, [url]);\n  return <img src={url} />;\n}\n',
    },
    {
      language: 'typescript',
      kind: 'good',
      code: "async function loadSettings(path: string): Promise<Settings> {\n  try {\n    return parseSettings(await readFile(path, 'utf8'));\n  } catch (err) {\n    // A missing or broken settings file means defaults: the user has not configured anything yet.\n  }\n  return DEFAULT_SETTINGS;\n}\n",
    },
    {
      language: 'javascript',
      kind: 'good',
      code: "function cleanup(dir) {\n  try {\n    fs.rmSync(dir, { recursive: true });\n  } catch (err) {\n    if (err.code !== 'ENOENT') throw err;\n  }\n}\nfetch('/api/ping').catch(() => { /* best effort: the next ping retries */ });\n",
    },
  ],
};
