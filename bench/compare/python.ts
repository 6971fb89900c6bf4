// Compares the Python rule pack with Ruff, pylint and flake8 on real code.
//
//   npx esbuild bench/compare/python.ts --bundle --platform=node --format=cjs --loader:.scm=text \
//     "--banner:js=var import_meta_url=require('node:url').pathToFileURL(__filename).href;" \
//     --define:import.meta.url=import_meta_url --outfile=/tmp/cmp-python.cjs \
//     && node /tmp/cmp-python.cjs [--pylint] [--samples N] [--json out.json] [roots...]
// (web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle lacks: the banner and
// define give it one.)
//
// Tools (not project dependencies):
//   Ruff:   mkdir -p /tmp/ruff-wasm && npm install --prefix /tmp/ruff-wasm @astral-sh/ruff-wasm-nodejs
//           (or point RUFF_WASM_DIR at another folder holding node_modules/@astral-sh/ruff-wasm-nodejs)
//   pylint, flake8: apt-get install -y pylint flake8 (pylint is slow: it runs only with --pylint)
// Roots default to the Python standard library and Debian's dist-packages.
// Findings are matched by file and line; SQL findings also match on the assignment they point at.
// "suppressed there" counts our findings on lines the other tool's users silenced (`# noqa`,
// `# flake8: noqa` files, `# pylint: disable=`), which that tool therefore does not report.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Finding } from '../../src/core/rules/finding';
import { rolesForPath } from '../../src/core/rules/roles';
import { ourFindings } from './our-findings';

type Tool = 'ruff' | 'pylint' | 'flake8';

/** Our rule id to the codes of each tool that mean the same. */
const EQUIVALENTS: Record<string, Partial<Record<Tool, string[]>>> = {
  'py/bare-except': { ruff: ['E722'], flake8: ['E722'], pylint: ['W0702'] },
  'py/swallowed-exception': { ruff: ['S110', 'S112'] },
  'py/broad-except': { ruff: ['BLE001'], pylint: ['W0718'] },
  'py/raise-without-from': { ruff: ['B904'], pylint: ['W0707'] },
  'py/print-call': { ruff: ['T201'] },
  'py/logging-eager-format': { ruff: ['G001', 'G002', 'G004'], pylint: ['W1201', 'W1202', 'W1203'] },
  'py/mutable-default-arg': { ruff: ['B006'], pylint: ['W0102'] },
  'py/open-without-with': { ruff: ['SIM115'], pylint: ['R1732'] },
  'py/sql-string-format': { ruff: ['S608'] },
  'py/method-lru-cache': { ruff: ['B019'], pylint: ['W1518'] },
};

interface Hit {
  readonly path: string;
  readonly line: number;
  readonly code: string;
}

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const optionValues = new Set([option('--samples'), option('--json')]);
const roots = args.filter((arg) => !arg.startsWith('--') && !optionValues.has(arg));
if (roots.length === 0) roots.push('/usr/lib/python3.11', '/usr/lib/python3/dist-packages');
const samples = Number(option('--samples') ?? '0');

function pythonFiles(root: string): string[] {
  if (statSync(root).isFile()) return [root];
  const out: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory() && entry.name !== '__pycache__' && !entry.isSymbolicLink()) out.push(...pythonFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.py')) out.push(path);
  }
  return out;
}

interface RuffDiagnostic {
  readonly code: string | null;
  readonly start_location: { readonly row: number };
}
interface RuffWorkspace {
  check(contents: string): RuffDiagnostic[];
}
interface RuffModule {
  Workspace: new (options: unknown, encoding: number) => RuffWorkspace;
  PositionEncoding: { Utf16: number };
}

function ruffHits(files: readonly string[]): Hit[] | undefined {
  const dir = process.env.RUFF_WASM_DIR ?? '/tmp/ruff-wasm';
  if (!existsSync(join(dir, 'node_modules/@astral-sh/ruff-wasm-nodejs'))) {
    console.error(`Ruff not found in ${dir}: npm install --prefix ${dir} @astral-sh/ruff-wasm-nodejs`);
    return undefined;
  }
  const ruff = createRequire(join(dir, 'index.js'))('@astral-sh/ruff-wasm-nodejs') as RuffModule;
  const select = [...new Set(Object.values(EQUIVALENTS).flatMap((tools) => tools.ruff ?? []))];
  const workspace = new ruff.Workspace({ 'target-version': 'py311', lint: { select } }, ruff.PositionEncoding.Utf16);
  const hits: Hit[] = [];
  for (const path of files) {
    let diagnostics: RuffDiagnostic[] = [];
    try {
      diagnostics = workspace.check(readFileSync(path, 'utf8'));
    } catch {
      continue; // not UTF-8 or not parseable: Ruff reports nothing we could compare
    }
    for (const diagnostic of diagnostics) if (diagnostic.code) hits.push({ path, line: diagnostic.start_location.row, code: diagnostic.code });
  }
  return hits;
}

function flake8Hits(files: readonly string[]): Hit[] | undefined {
  if (spawnSync('flake8', ['--version']).status !== 0) {
    console.error('flake8 not found: apt-get install -y flake8');
    return undefined;
  }
  const hits: Hit[] = [];
  for (let start = 0; start < files.length; start += 200) {
    const result = spawnSync('flake8', ['--select=E722', '--format=%(path)s\t%(row)d\t%(code)s', ...files.slice(start, start + 200)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    for (const line of result.stdout.split('\n')) {
      const [path, row, code] = line.split('\t');
      if (path && row && code) hits.push({ path, line: Number(row), code });
    }
  }
  return hits;
}

/** Files pylint crashed on (astroid errors): left out of the pylint comparison. */
const pylintFailed = new Set<string>();

function runPylint(files: readonly string[], enable: string): { path: string; line: number; 'message-id': string }[] | undefined {
  const result = spawnSync('pylint', ['--disable=all', `--enable=${enable}`, '--output-format=json', '--jobs=2', '--score=n', ...files], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  try {
    return JSON.parse(result.stdout) as { path: string; line: number; 'message-id': string }[];
  } catch {
    return undefined; // a crash in one file (astroid) loses the whole batch's report
  }
}

function pylintHits(files: readonly string[]): Hit[] | undefined {
  if (!flag('--pylint')) return undefined;
  const enable = [...new Set(Object.values(EQUIVALENTS).flatMap((tools) => tools.pylint ?? []))].join(',');
  const hits: Hit[] = [];
  for (let start = 0; start < files.length; start += 50) {
    const batch = files.slice(start, start + 50);
    let messages = runPylint(batch, enable);
    if (!messages) {
      messages = [];
      for (const file of batch) {
        const single = runPylint([file], enable);
        if (single) messages.push(...single);
        else pylintFailed.add(file);
      }
    }
    for (const message of messages) hits.push({ path: message.path.startsWith('/') ? message.path : join(process.cwd(), message.path), line: message.line, code: message['message-id'] });
  }
  if (pylintFailed.size) console.log(`pylint crashed on ${pylintFailed.size} file(s), left out of its comparison`);
  return hits;
}

const key = (path: string, line: number): string => `${path}:${line}`;

function ourLines(finding: Finding): number[] {
  return [finding.range.start.line + 1, ...(finding.related ?? []).map((item) => item.range.start.line + 1)];
}

const fileLines = new Map<string, string[]>();

/** pylint's message names, which `# pylint: disable=` comments use. */
const PYLINT_SYMBOLS: Record<string, string[]> = {
  W0702: ['bare-except'],
  W0718: ['broad-exception-caught', 'broad-except'],
  W0707: ['raise-missing-from'],
  W1201: ['logging-not-lazy'],
  W1202: ['logging-format-interpolation'],
  W1203: ['logging-fstring-interpolation'],
  W0102: ['dangerous-default-value'],
  R1732: ['consider-using-with'],
  W1518: ['method-cache-max-size-none'],
};

/** Whether the tool drops `codes` on that line for a suppression comment (`# noqa`, `# pylint: disable=`). */
function suppressed(tool: Tool, path: string, line: number, codes: readonly string[]): boolean {
  let lines = fileLines.get(path);
  if (!lines) {
    lines = readFileSync(path, 'utf8').split('\n');
    fileLines.set(path, lines);
  }
  if (tool === 'pylint') {
    const disabled = /#\s*pylint:\s*disable=([\w\s,-]+)/.exec(lines[line - 1] ?? '')?.[1]?.split(/[\s,]+/) ?? [];
    return codes.some((code) => disabled.includes(code) || (PYLINT_SYMBOLS[code] ?? []).some((symbol) => disabled.includes(symbol)));
  }
  if (lines.some((text) => /^#\s*(?:flake8|ruff)\s*:\s*noqa\s*$/i.test(text.trim()))) return true;
  const comment = /#\s*noqa(?::\s*([\w\s,]+))?/i.exec(lines[line - 1] ?? '');
  if (!comment) return false;
  const listed = comment[1]?.split(/[\s,]+/).filter(Boolean);
  return !listed || listed.some((code) => codes.includes(code.toUpperCase()));
}

function inSparedFile(path: string): boolean {
  const roles = rolesForPath(path, 'python');
  return roles.has('test') || roles.has('bench') || roles.has('example') || roles.has('main');
}

async function main(): Promise<void> {
  const files = roots.flatMap(pythonFiles);
  const started = Date.now();
  const ours = await ourFindings(files);
  console.log(`${files.length} files under ${roots.join(', ')}; our engine took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    console.log(`Ruff ${execFileSync('node', ['-e', `console.log(require(${JSON.stringify(join(process.env.RUFF_WASM_DIR ?? '/tmp/ruff-wasm', 'node_modules/@astral-sh/ruff-wasm-nodejs'))}).Workspace.version())`], { encoding: 'utf8' }).trim()}`);
  } catch {
    // version is informative only
  }
  const theirs: Partial<Record<Tool, Hit[]>> = {};
  for (const [tool, run] of [['ruff', ruffHits], ['flake8', flake8Hits], ['pylint', pylintHits]] as const) {
    const hits = run(files);
    if (hits) theirs[tool] = hits;
  }

  const report: Record<string, unknown> = {};
  console.log(['rule', 'tool', 'files', 'ours', 'theirs', 'both', 'only-ours', '(of which suppressed there)', 'only-theirs', '(in test/main files)'].join('\t'));
  for (const [rule, tools] of Object.entries(EQUIVALENTS)) {
    const mine = ours.filter((finding) => finding.ruleId === rule);
    const mineLines = new Map(mine.map((finding) => [key(finding.path, finding.range.start.line + 1), ourLines(finding).map((line) => key(finding.path, line))]));
    const mineAnyLine = new Set([...mineLines.values()].flat());
    for (const [tool, codes] of Object.entries(tools) as [Tool, string[]][]) {
      const hits = theirs[tool];
      if (!hits) continue;
      const compared = (item: string): boolean => tool !== 'pylint' || !pylintFailed.has(item.slice(0, item.lastIndexOf(':')));
      const theirKeys = new Set(hits.filter((hit) => codes.includes(hit.code)).map((hit) => key(hit.path, hit.line)));
      const mineKeys = [...mineLines.keys()].filter(compared);
      const both = mineKeys.filter((item) => (mineLines.get(item) ?? []).some((line) => theirKeys.has(line)));
      const onlyOurs = mineKeys.filter((item) => !(mineLines.get(item) ?? []).some((line) => theirKeys.has(line)));
      const onlyTheirs = [...theirKeys].filter((item) => !mineAnyLine.has(item));
      const fileCount = new Set([...mineKeys, ...theirKeys].map((item) => item.slice(0, item.lastIndexOf(':')))).size;
      const spared = onlyTheirs.filter((item) => inSparedFile(item.slice(0, item.lastIndexOf(':')))).length;
      const silenced = onlyOurs.filter((item) => suppressed(tool, item.slice(0, item.lastIndexOf(':')), Number(item.slice(item.lastIndexOf(':') + 1)), codes)).length;
      console.log([rule, `${tool}:${codes.join('/')}`, fileCount, mineKeys.length, theirKeys.size, both.length, onlyOurs.length, silenced, onlyTheirs.length, spared].join('\t'));
      report[`${rule} ${tool}`] = { onlyOurs, onlyTheirs };
      for (const item of onlyOurs.slice(0, samples)) console.log(`    only ours:   ${item}`);
      for (const item of onlyTheirs.slice(0, samples)) console.log(`    only theirs: ${item}`);
    }
  }
  const jsonOut = option('--json');
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 1));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
