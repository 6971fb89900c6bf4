// The one build script: bundles every entry point and copies the WASM files they load.
import { build } from 'esbuild';
import { chmod, copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const production = process.argv.includes('--production');
const require = createRequire(import.meta.url);
// Tests build into their own folder so a running build never pulls dist/ from under a user.
const out = process.argv.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
// The browser tests build only the panels, plus fixture panels named `--webview-entry=<name>=<main.ts>`.
const webviewOnly = process.argv.includes('--webview-only');
const extraWebviewEntries = process.argv
  .filter((arg) => arg.startsWith('--webview-entry='))
  .map((arg) => arg.slice('--webview-entry='.length).split('='))
  .map(([name, main]) => ({ name, main }));

/** Each entry: source, output name, and the extra options that differ from the node default. */
const entries = [
  { in: 'src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'src/cli/worker.ts', out: 'cli-worker' },
  { in: 'src/cli/model-commands.ts', out: 'cli-models' },
  { in: 'src/extension/extension.ts', out: 'extension', external: ['vscode'] },
  // The language client and the rule pack, required by the extension when first needed.
  { in: 'src/extension/lazy.ts', out: 'extension-lazy', external: ['vscode'] },
  // The spec pipeline (agents, spec parser, model clients), required with the first spec command or spec file.
  { in: 'src/extension/specs/specs-bundle.ts', out: 'extension-specs', external: ['vscode'] },
  { in: 'src/server/main.ts', out: 'server' },
  { in: 'bench/bench.ts', out: 'bench', dev: true },
  { in: 'bench/editor-memory.ts', out: 'editor-memory', dev: true },
].filter((e) => existsSync(e.in) && !(production && e.dev));

const importMetaUrl = "var import_meta_url = require('node:url').pathToFileURL(__filename).href;";

/** The runtime and the six grammars the rules engine loads; nothing else goes in the package. */
const wasm = [
  ['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ...['python', 'typescript', 'tsx', 'javascript', 'go', 'rust'].map((lang) => [
    `@vscode/tree-sitter-wasm/wasm/tree-sitter-${lang}.wasm`,
    `tree-sitter-${lang}.wasm`,
  ]),
];

await rm(out, { recursive: true, force: true });
if (webviewOnly) {
  await buildWebviews();
  process.exit(0);
}
await mkdir(join(out, 'wasm'), { recursive: true });

// Prompt files are checked by the loader the product runs, then bundled as the module `omni:prompts`.
const promptFiles = await Promise.all(
  (await readdir('prompts', { recursive: true }))
    .map((file) => file.replaceAll('\\', '/'))
    .filter((file) => /^[^/]+\/[^/]+\.md$/.test(file))
    .sort()
    .map(async (file) => ({ path: `prompts/${file}`, text: await readFile(join('prompts', file), 'utf8') })),
);
const { loadPromptLibrary } = await buildTimeModule('src/core/prompts/library.ts');
try {
  loadPromptLibrary(promptFiles);
} catch (error) {
  if (error?.name !== 'PromptError') throw error;
  console.error(`Invalid prompt files:\n${error.message}`);
  process.exit(1);
}
const promptsModule = {
  name: 'omni-prompts',
  setup(bundle) {
    bundle.onResolve({ filter: /^omni:prompts$/ }, (args) => ({ path: args.path, namespace: 'omni-prompts' }));
    bundle.onLoad({ filter: /.*/, namespace: 'omni-prompts' }, () => ({ contents: JSON.stringify(promptFiles), loader: 'json' }));
  },
};

await Promise.all([
  buildWebviews(),
  ...entries.map((entry) =>
    build({
      entryPoints: { [entry.out]: entry.in },
      outdir: out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: entry.external ?? [],
      loader: { '.scm': 'text' },
      // jsonc-parser's UMD entry requires files esbuild cannot see; its ESM entry bundles cleanly.
      mainFields: ['module', 'main'],
      banner: { js: [entry.banner, importMetaUrl].filter(Boolean).join('\n') },
      // Minified always: a 1.2 MB bundle loads measurably slower, and start-up counts for a CLI.
      minify: !process.argv.includes('--no-minify'),
      sourcemap: production ? false : 'linked',
      logLevel: 'warning',
      // ESM dependencies (web-tree-sitter) read import.meta.url, which a CommonJS bundle lacks.
      define: { 'import.meta.url': 'import_meta_url' },
      plugins: [promptsModule, zodEnglishOnly()],
    }),
  ),
]);

await Promise.all(wasm.map(([from, to]) => copyFile(require.resolve(from), join(out, 'wasm', to))));
// `bin` points here: `npx omni` in the repository runs the file itself, so it must be executable.
await chmod(join(out, 'cli.js'), 0o755);

/**
 * zod's entry re-exports its 40-odd locales as a namespace, which esbuild cannot shake: 260 KB of
 * error messages in other languages. Omni speaks English (zod's default) everywhere, so only `en` is bundled.
 */
function zodEnglishOnly() {
  return {
    name: 'zod-english-only',
    setup(bundle) {
      bundle.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        args.importer.includes(join('node_modules', 'zod')) ? { path: join(dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-en' } : undefined,
      );
      bundle.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/** Runs a core module's export at build time: bundled to a throwaway CommonJS file, required, removed. */
async function buildTimeModule(entry) {
  const script = join(out, `.build-time-${entry.replace(/\W/g, '-')}.cjs`);
  await build({ entryPoints: [entry], outfile: script, bundle: true, platform: 'node', format: 'cjs', loader: { '.scm': 'text' }, logLevel: 'warning' });
  try {
    return require(pathToFileURL(script).pathname);
  } finally {
    await rm(script);
  }
}

// The config's JSON schema is generated from its zod schema, never written by hand.
const { configJsonSchema } = await buildTimeModule('src/core/config/json-schema.ts');
await mkdir(join(out, 'schemas'), { recursive: true });
await writeFile(join(out, 'schemas', 'omni-config.schema.json'), JSON.stringify(configJsonSchema(), null, 2) + '\n');

// Each rule's documentation page, generated from the rule: diagnostics link to these files.
const { rulePages } = await buildTimeModule('src/core/docs/rule-pages.ts');
for (const page of rulePages()) {
  const file = join(out, 'rules', page.path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, page.markdown);
}

/**
 * Every `webview-ui/<panel>/main.ts` becomes `dist/webview/<panel>.js` and `<panel>.css` (the CSS it
 * imports, theme.css at least), for the browser; the codicons font vscode-elements' icons use sits
 * beside them, since webview-html.ts links it from there.
 */
async function buildWebviews() {
  const panels = (await readdir('webview-ui', { withFileTypes: true }))
    .filter((dir) => dir.isDirectory() && dir.name !== 'shared' && existsSync(join('webview-ui', dir.name, 'main.ts')))
    .map((dir) => ({ name: dir.name, main: join('webview-ui', dir.name, 'main.ts') }));
  const webviewOut = join(out, 'webview');
  await mkdir(webviewOut, { recursive: true });
  await build({
    entryPoints: Object.fromEntries([...panels, ...extraWebviewEntries].map((panel) => [panel.name, panel.main])),
    outdir: webviewOut,
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    minify: !process.argv.includes('--no-minify'),
    sourcemap: production ? false : 'linked',
    logLevel: 'warning',
    inject: ['webview-ui/shared/zod-jitless.ts'],
    plugins: [zodEnglishOnly()],
  });
  const missingCss = [...panels, ...extraWebviewEntries].filter((panel) => !existsSync(join(webviewOut, `${panel.name}.css`)));
  if (missingCss.length > 0) {
    console.error(missingCss.map((panel) => `${panel.main} must import '../shared/theme.css' (the page links ${panel.name}.css)`).join('\n'));
    process.exit(1);
  }
  const codicons = dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
  await Promise.all(['codicon.css', 'codicon.ttf'].map((file) => copyFile(join(codicons, file), join(webviewOut, file))));
}
