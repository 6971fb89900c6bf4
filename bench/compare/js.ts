// Compares the js/* rules with ESLint, typescript-eslint and SonarJS on real TypeScript and JavaScript.
//
// Tools (once, in a scratch folder; the script reads them from $ESLINT_DIR, default /tmp/jscmp):
//   mkdir -p /tmp/jscmp && cd /tmp/jscmp && npm init -y && npm install --ignore-scripts \
//     eslint typescript-eslint typescript eslint-plugin-sonarjs eslint-plugin-sql
// Code to compare on (sources nobody here wrote), for example:
//   mkdir -p /tmp/corpus && cd /tmp/corpus && for p in rxjs @trpc/server effect @tanstack/react-query \
//     @tanstack/react-router pg-boss connect-pg-simple knex sequelize node-pg-migrate typeorm mysql pg \
//     @keyv/postgres @keyv/sqlite @keyv/mysql @mikro-orm/knex kysely better-sqlite3 less uglify-js jquery \
//     handlebars express; do npm pack $p; done
//   for f in *.tgz; do d=${f%.tgz}; mkdir -p $d && tar xzf $f -C $d --strip-components=1; done
// Run from the repository root (web-tree-sitter is ESM and reads import.meta.url, which a CommonJS
// bundle lacks: the define and banner give it one, as esbuild.mjs does):
//   npx esbuild bench/compare/js.ts --bundle --platform=node --format=cjs --loader:.scm=text \
//     --define:import.meta.url=import_meta_url \
//     "--banner:js=var import_meta_url=require('node:url').pathToFileURL(__filename).href;" \
//     --outfile=/tmp/cmp-js.cjs && node /tmp/cmp-js.cjs [--samples N] DIR...
// With no DIR it reads DEFAULT_ROOTS below (those that exist). Prints, per rule: files, our findings,
// theirs, both, only-ours, only-theirs (and how many of theirs fall in files the rule spares by path).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { languageForPath, type LanguageId } from '../../src/core/rules/languages';
import { jsRules } from '../../src/core/rules/pack/js';
import { rolesForPath } from '../../src/core/rules/roles';
import { ourFindings } from './our-findings';

interface Place {
  readonly path: string;
  readonly line: number;
}

interface Theirs extends Place {
  readonly tool: string;
}

/** One line of the table: the other tools' rules whose findings, together, are the equivalent. */
interface Row {
  readonly label: string;
  readonly tools: readonly string[];
}

/** How each of our rules maps to the other tools' findings. */
interface Comparison {
  readonly rule: string;
  readonly languages: readonly LanguageId[];
  readonly rows: readonly Row[];
  /** Lines apart that still count as the same finding (ESLint reports the block, we the clause). */
  readonly slack: number;
}

const CATCH_ANY_SELECTORS = [
  'CatchClause > Identifier.param > TSTypeAnnotation > TSAnyKeyword',
  'CallExpression[callee.property.name="catch"][arguments.length=1] > :function > Identifier.params:first-child > TSTypeAnnotation > TSAnyKeyword',
];

/** no-empty reports every empty block: keep the catch blocks. */
const CATCH_BLOCK_BEFORE = /\bcatch\s*(\([^()]*(\([^()]*\)[^()]*)*\))?\s*$/;
/** no-empty-function reports every empty body: keep the sole handler of `.catch(...)`. */
const CATCH_HANDLER_BEFORE = /\.catch\(\s*(async\s*)?((function\s*\w*\s*)?\([^()]*\)\s*(=>)?|\w+\s*=>)\s*$/;

/** Narrows a broader rule to the findings that mean the same as ours. */
function keep(ruleId: string, text: string, offset: number): boolean {
  const before = text.slice(Math.max(0, offset - 300), offset);
  if (ruleId === 'no-empty') return CATCH_BLOCK_BEFORE.test(before);
  if (ruleId.endsWith('no-empty-function')) return CATCH_HANDLER_BEFORE.test(before) && /^\{\s*\}\s*\)/.test(text.slice(offset, offset + 200));
  return true;
}

/** TypeScript sources shipped in npm packages, SQL-heavy JavaScript, and the repo's own dependencies. */
const DEFAULT_ROOTS = [
  ...['rxjs-7.8.2', 'trpc-server-11.25.2', 'effect-4.1.0', 'tanstack-react-query-5.108.0', 'tanstack-react-router-1.170.46'].map(
    (dir) => `/tmp/corpus/${dir}/src`,
  ),
  ...[
    'pg-boss-10.4.2/src',
    'connect-pg-simple-10.0.0',
    'knex-3.3.0/lib',
    'sequelize-6.37.8/lib',
    'node-pg-migrate-9.0.0/dist',
    'typeorm-1.1.1',
    'mysql-2.18.1/lib',
    'pg-8.23.1/lib',
    'keyv-postgres-2.2.3/dist',
    'keyv-sqlite-4.0.8/dist',
    'keyv-mysql-2.1.10/dist',
    'mikro-orm-knex-6.6.16',
    'kysely-0.28.18/dist/cjs',
    'better-sqlite3-12.11.1/lib',
    'less-4.9.1/lib',
    'uglify-js-3.19.3/lib',
    'uglify-js-3.19.3/bin',
    'jquery-4.0.0/src',
    'handlebars-4.7.10/lib',
    'express-5.3.0/lib',
  ].map((dir) => `/tmp/corpus/${dir}`),
  ...[
    'zod/src',
    'undici/lib',
    'vitest/dist',
    'commander/lib',
    'js-yaml/lib',
    'markdown-it/lib',
    'cheerio/dist/commonjs',
    'ajv/dist',
    'glob/dist/commonjs',
    'semver',
    'yauzl',
    '@secretlint',
    '@textlint',
    '@vscode/vsce/out',
    'fast-glob/out',
    'minimatch/dist/commonjs',
    'parse5/dist/cjs',
    'xml2js/lib',
    'postcss/lib',
    'vite/dist/node',
    'rollup/dist/shared',
    'chai/lib',
    'azure-devops-node-api',
  ].map((dir) => `/work/main/node_modules/${dir}`),
];

const ALL: readonly LanguageId[] = ['typescript', 'tsx', 'javascript'];

const COMPARISONS: readonly Comparison[] = [
  {
    rule: 'js/catch-any',
    languages: ['typescript', 'tsx'],
    rows: [{ label: 'no-restricted-syntax (catch param `any`)', tools: ['no-restricted-syntax'] }],
    slack: 0,
  },
  {
    rule: 'js/empty-catch',
    languages: ALL,
    rows: [
      { label: 'no-empty (catch blocks)', tools: ['no-empty'] },
      { label: 'no-empty + no-empty-function (.catch)', tools: ['no-empty', 'no-empty-function', '@typescript-eslint/no-empty-function'] },
    ],
    slack: 1,
  },
  { rule: 'js/catch-log-only', languages: ALL, rows: [{ label: 'sonarjs/no-ignored-exceptions', tools: ['sonarjs/no-ignored-exceptions'] }], slack: 1 },
  { rule: 'js/throw-literal', languages: ALL, rows: [{ label: 'no-throw-literal', tools: ['no-throw-literal'] }], slack: 0 },
  { rule: 'js/console', languages: ALL, rows: [{ label: 'no-console', tools: ['no-console'] }], slack: 0 },
  {
    rule: 'js/sql-injection',
    languages: ALL,
    rows: [
      { label: 'sonarjs/sql-queries (S2077)', tools: ['sonarjs/sql-queries'] },
      { label: 'sql/no-unsafe-query', tools: ['sql/no-unsafe-query'] },
    ],
    slack: 2,
  },
];

function sourceFiles(root: string, out: string[]): void {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      // typeorm's browser/ is a second copy of the same code.
      if (entry.name !== '.bin' && entry.name !== '.git' && entry.name !== 'browser' && entry.name !== 'node_modules') sourceFiles(path, out);
      continue;
    }
    if (!entry.isFile() || /\.d\.[cm]?ts$|\.min\.js$/.test(entry.name) || !languageForPath(path)) continue;
    const language = languageForPath(path);
    if (language !== 'typescript' && language !== 'tsx' && language !== 'javascript') continue;
    // Bundles and generated tables are not code anyone reviews, and make ESLint crawl.
    const size = statSync(path).size;
    if (size > 1_500_000) continue;
    out.push(path);
  }
}

/** The part of ESLint's Node API this script uses (ESLint lives in a scratch folder, not in the repo). */
interface LintMessage {
  readonly ruleId: string | null;
  readonly fatal?: boolean;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}
interface ESLintApi {
  new (options: Record<string, unknown>): { lintFiles(patterns: string[]): Promise<{ filePath: string; messages: LintMessage[] }[]> };
}

async function eslintFindings(paths: readonly string[]): Promise<{ findings: Theirs[]; fatal: number }> {
  const dir = process.env['ESLINT_DIR'] ?? '/tmp/jscmp';
  if (!existsSync(join(dir, 'node_modules', 'eslint'))) {
    throw new Error(`ESLint not found in ${dir}: see the install line at the top of bench/compare/js.ts`);
  }
  const require = createRequire(join(dir, 'package.json'));
  const { ESLint } = require('eslint') as { ESLint: ESLintApi };
  const tseslint = require('typescript-eslint') as { parser: unknown; plugin: unknown };
  const sonarjs = require('eslint-plugin-sonarjs') as unknown;
  const sqlPlugin = ((await import(pathToFileURL(require.resolve('eslint-plugin-sql')).href)) as { default: unknown }).default;
  const rules = {
    'no-empty': 'warn',
    'no-empty-function': 'warn',
    'no-throw-literal': 'warn',
    'no-console': 'warn',
    'no-restricted-syntax': ['warn', ...CATCH_ANY_SELECTORS],
    'sonarjs/no-ignored-exceptions': 'warn',
    'sonarjs/sql-queries': 'warn',
    'sql/no-unsafe-query': ['warn', { allowLiteral: true }],
  } as const;
  const eslint = new ESLint({
    cwd: '/',
    // Compare what the rules see, not what the authors silenced with eslint-disable comments.
    allowInlineConfig: false,
    overrideConfigFile: true,
    overrideConfig: [
      // ESLint skips node_modules unless told otherwise (and `ignore: false` does not tell it).
      { ignores: ['!**/node_modules/'] },
      {
        files: ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'],
        languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { sonarjs, sql: sqlPlugin },
        rules,
      },
      { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
      {
        files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'],
        languageOptions: { parser: tseslint.parser },
        plugins: { sonarjs, sql: sqlPlugin, '@typescript-eslint': tseslint.plugin },
        rules: { ...rules, 'no-empty-function': 'off', '@typescript-eslint/no-empty-function': 'warn' },
      },
    ],
  });
  const findings: Theirs[] = [];
  let fatal = 0;
  const batch = 200;
  for (let start = 0; start < paths.length; start += batch) {
    for (const result of await eslint.lintFiles(paths.slice(start, start + batch))) {
      const text = readFileSync(result.filePath, 'utf8');
      const offsets = lineOffsets(text);
      for (const message of result.messages) {
        if (message.fatal || /^File ignored/.test(message.message)) fatal++;
        if (!message.ruleId) continue;
        const offset = (offsets[message.line - 1] ?? 0) + message.column - 1;
        if (!keep(message.ruleId, text, offset)) continue;
        findings.push({ path: result.filePath, line: message.line, tool: message.ruleId });
      }
    }
  }
  return { findings, fatal };
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) offsets.push(i + 1);
  return offsets;
}

/** Pairs each of ours with one of theirs in the same file, nearest line first, within `slack` lines. */
function pair(ours: readonly Place[], theirs: readonly Theirs[], slack: number): { both: number; onlyOurs: Place[]; onlyTheirs: Theirs[] } {
  const left = new Set(theirs);
  const onlyOurs: Place[] = [];
  let both = 0;
  for (const mine of ours) {
    let best: Theirs | undefined;
    for (const other of left) {
      if (other.path !== mine.path) continue;
      const distance = Math.abs(other.line - mine.line);
      if (distance <= slack && (!best || distance < Math.abs(best.line - mine.line))) best = other;
    }
    if (best) {
      left.delete(best);
      both++;
    } else onlyOurs.push(mine);
  }
  return { both, onlyOurs, onlyTheirs: [...left] };
}

function lineOf(path: string, line: number): string {
  return (readFileSync(path, 'utf8').split('\n')[line - 1] ?? '').trim().slice(0, 110);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const samplesAt = args.indexOf('--samples');
  const samples = samplesAt >= 0 ? Number(args.splice(samplesAt, 2)[1]) : 5;
  const roots = args.length ? args : DEFAULT_ROOTS.filter((root) => existsSync(root));
  const paths: string[] = [];
  for (const root of roots) sourceFiles(root, paths);
  const byLanguage = new Map<LanguageId, number>();
  for (const path of paths) {
    const language = languageForPath(path);
    if (language) byLanguage.set(language, (byLanguage.get(language) ?? 0) + 1);
  }
  const bytes = paths.reduce((sum, path) => sum + statSync(path).size, 0);
  console.log(`${paths.length} files (${[...byLanguage].map(([id, n]) => `${n} ${id}`).join(', ')}), ${(bytes / 1e6).toFixed(1)} MB under ${roots.length} folders`);

  const started = Date.now();
  const ours = (await ourFindings(paths)).filter((finding) => finding.ruleId.startsWith('js/'));
  console.log(`omni: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const eslintStarted = Date.now();
  const { findings: theirs, fatal } = await eslintFindings(paths);
  console.log(`eslint: ${((Date.now() - eslintStarted) / 1000).toFixed(1)} s, ${fatal} files it could not parse or ignored\n`);

  for (const comparison of COMPARISONS) {
    const rule = jsRules.find((item) => item.id === comparison.rule);
    const files = paths.filter((path) => comparison.languages.includes(languageForPath(path) ?? 'python'));
    const mine = ours.filter((finding) => finding.ruleId === comparison.rule).map((finding) => ({ path: finding.path, line: finding.range.start.line + 1 }));
    const spared = (path: string): boolean => {
      const roles = rolesForPath(path, languageForPath(path) ?? 'typescript');
      return (rule?.spare ?? []).some((role) => roles.has(role));
    };
    console.log(`${comparison.rule}  (${files.length} files)`);
    const inScope = new Set(files);
    for (const row of comparison.rows) {
      const other = theirs.filter((finding) => row.tools.includes(finding.tool) && inScope.has(finding.path));
      const { both, onlyOurs, onlyTheirs } = pair(mine, other, comparison.slack);
      const inSpared = onlyTheirs.filter((finding) => spared(finding.path)).length;
      console.log(
        `  vs ${row.label.padEnd(40)} ours ${String(mine.length).padStart(5)}  theirs ${String(other.length).padStart(5)}  both ${String(both).padStart(5)}` +
          `  only-ours ${String(onlyOurs.length).padStart(5)}  only-theirs ${String(onlyTheirs.length).padStart(5)}${inSpared ? ` (${inSpared} in files we spare)` : ''}`,
      );
      for (const place of onlyOurs.slice(0, samples)) console.log(`      only ours   ${place.path}:${place.line}  ${lineOf(place.path, place.line)}`);
      for (const place of onlyTheirs.filter((finding) => !spared(finding.path)).slice(0, samples)) {
        console.log(`      only theirs ${place.path}:${place.line}  ${lineOf(place.path, place.line)}`);
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
