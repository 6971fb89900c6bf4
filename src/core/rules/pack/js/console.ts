import type { FileContext, RuleDefinition } from '../../rule';
import query from './console.scm';
import { isShadowed } from './scope';

/** Folders and file names of command-line programs, where printing is the job. */
const CLI_PATH = /(^|[\\/])(bin|scripts?|cli)[\\/]|(^|[\\/.])cli\.[cm]?[jt]sx?$/i;

/** A cheap look at the text before the precise one: can anything in this file bind `console`? */
const MAY_BIND_CONSOLE = /\b(?:const|let|var|function|class)\s+console\b|[(,{]\s*console\s*[,)}=:]|\bconsole\s*=>|\bimport\b[^;]*\bconsole\b|[{,]\s*console\s*[,}]/;
const bindsConsole = new WeakMap<FileContext, boolean>();

function mayBindConsole(file: FileContext): boolean {
  let binds = bindsConsole.get(file);
  if (binds === undefined) {
    binds = MAY_BIND_CONSOLE.test(file.text);
    bindsConsole.set(file, binds);
  }
  return binds;
}

export const consoleCall: RuleDefinition = {
  id: 'js/console',
  title: 'console.* in application code',
  severity: 'info',
  category: 'logging',
  message: '`console` in application code: use the project logger, or remove this debugging output',
  rationale:
    '`console.*` in shipped code is usually debugging output that was never removed; in a server it bypasses the ' +
    'logger (no level, no structure, no redaction), in a browser it leaks internals to anyone with devtools, in a ' +
    'VS Code extension it goes nowhere the user can see. Same findings as ESLint `no-console` with its defaults (every ' +
    'method, called or not). Differences on purpose: quiet where printing is the job or harmless: tests, benchmarks ' +
    'and examples (by path), a top-level `function main()`, files that start with a `#!` line, and files under ' +
    '`bin/`, `scripts/`, `script/` or `cli/` or named `cli.*`. Like ESLint, a local binding named `console` (a ' +
    'parameter, a `const console = new Console(stream)`) is not the global and is not flagged.',
  queries: { javascript: query, typescript: query, tsx: query },
  // No `\b` before the name: in code being typed a digit may touch it (`x = 1console.log()`).
  anchor: /console\b/,
  predicate: (match) => {
    if (CLI_PATH.test(match.file.path) || match.file.text.startsWith('#!')) return false;
    if (mayBindConsole(match.file) && isShadowed(match.node, 'console')) return false;
    const access = match.node.parent ?? match.node;
    const shown = access.text.split('\n', 1)[0] ?? 'console';
    return { node: access, message: `\`${shown.length > 60 ? 'console' : shown}\` in application code: use the project logger, or remove this debugging output` };
  },
  spare: ['test', 'bench', 'example', 'main'],
  equivalents: ['eslint:no-console'],
  examples: [
    {
      language: 'typescript',
      kind: 'bad',
      code: "export async function handleWebhook(req: Request): Promise<Response> {\n  const event = await req.json();\n  console.log('webhook', event);\n  await queue.publish(event);\n  return new Response(null, { status: 204 });\n}\n",
    },
    {
      language: 'javascript',
      kind: 'bad',
      code: "const debug = console.debug.bind(console);\nexport function render(state) {\n  debug('render', state);\n  return template(state);\n}\n",
    },
    {
      language: 'tsx',
      kind: 'bad',
      code: "export function CartBadge({ items }: { items: CartItem[] }) {\n  console.log('CartBadge render', items);\n  return <span className=\"badge\">{items.length}</span>;\n}\n",
    },
    {
      language: 'typescript',
      kind: 'good',
      code: "export async function handleWebhook(req: Request): Promise<Response> {\n  const event = await req.json();\n  log.debug({ type: event.type }, 'webhook received');\n  await queue.publish(event);\n  return new Response(null, { status: 204 });\n}\n",
    },
    {
      language: 'javascript',
      kind: 'good',
      path: 'scripts/release.mjs',
      code: "const version = process.argv[2];\nconsole.log(`releasing ${version}`);\n",
    },
    {
      language: 'typescript',
      kind: 'good',
      path: 'src/api/orders.test.ts',
      code: "it('lists orders', async () => {\n  const orders = await listOrders();\n  console.table(orders);\n  expect(orders).toHaveLength(2);\n});\n",
    },
  ],
};
