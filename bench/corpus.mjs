#!/usr/bin/env node
// Prepares the benchmark corpus: real public code in Python, TypeScript/JavaScript, Go and Rust,
// copied with its licences into `.cache/bench-corpus/files/` (git-ignored), plus the peer linters
// the bench compares against (ESLint + typescript-eslint in `.cache/bench-tools/`, Debian flake8).
//
//   node bench/corpus.mjs            prepare what is missing (idempotent; apt-get only as root)
//   node bench/corpus.mjs --force    copy the corpus again
//   node bench/corpus.mjs --json     print the manifest only (used by the bench)
//
// Sources: the Python 3.11 stdlib and the Go 1.19 stdlib from Debian, Rust crates from Debian's
// librust-*-dev packages (/usr/share/cargo/registry), and npm packages that ship their sources
// (fetched with `npm pack`). Versions are pinned so figures are comparable between runs.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.cache', 'bench-corpus');
const filesDir = join(cache, 'files');
const npmDir = join(cache, 'npm');
const toolsDir = join(root, '.cache', 'bench-tools');
const manifestPath = join(cache, 'manifest.json');
const args = new Set(process.argv.slice(2));
const jsonOnly = args.has('--json');
const log = jsonOnly ? () => {} : (...parts) => console.log(...parts);

/** Bump when the selection below changes, so an old corpus is copied again. */
const CORPUS_VERSION = 2;

const EXTENSIONS = {
  python: ['.py'],
  'ts-js': ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'],
  go: ['.go'],
  rust: ['.rs'],
};
/** Not sources we lint: declaration files, fixtures that are broken on purpose, vendored copies. */
const EXCLUDED_NAMES = [/\.d\.[cm]?ts$/, /\.min\.js$/];
const EXCLUDED_DIRS = new Set(['testdata', 'node_modules', 'vendor', '__pycache__', 'debian']);

const PYTHON = '/usr/lib/python3.11';
const goRoot = newestDir('/usr/lib', /^go-1\.\d+$/);
const cargo = '/usr/share/cargo/registry';

/**
 * Each source: where it comes from, what part of it is copied, and its licence. `debian` names the
 * package that provides it; `npm` a package spec fetched with `npm pack`.
 */
const SOURCES = [
  {
    group: 'python',
    name: 'cpython-3.11-stdlib',
    debian: 'libpython3.11-stdlib',
    from: PYTHON,
    include: ['./*.py', 'asyncio', 'email', 'json', 'logging', 'http', 'urllib', 'concurrent'],
    licence: 'PSF-2.0',
    licenceFiles: [join(PYTHON, 'LICENSE.txt')],
  },
  {
    group: 'go',
    name: `${goRoot ? basename(goRoot) : 'go'}-stdlib`,
    debian: goRoot ? `golang-${basename(goRoot).slice(3)}-src` : 'golang-go',
    from: goRoot ? join(goRoot, 'src') : undefined,
    include: ['net', 'go', 'encoding'],
    licence: 'BSD-3-Clause',
    licenceFiles: goRoot ? [`/usr/share/doc/golang-${basename(goRoot).slice(3)}-src/copyright`] : [],
  },
  ...[
    ['tokio', 'librust-tokio-dev', 'MIT'],
    ['syn', 'librust-syn-dev', 'MIT OR Apache-2.0'],
    ['regex', 'librust-regex-dev', 'MIT OR Apache-2.0'],
    ['serde', 'librust-serde-dev', 'MIT OR Apache-2.0'],
  ].map(([crate, debian, licence]) => {
    const dir = newestDir(cargo, new RegExp(`^${crate}-\\d+\\.\\d+\\.\\d+$`));
    return {
      group: 'rust',
      name: dir ? basename(dir) : crate,
      debian,
      from: dir,
      include: ['src', 'tests', 'benches', 'examples'],
      licence,
      licenceFiles: dir ? ['LICENSE', 'LICENSE-MIT', 'LICENSE-APACHE'].map((name) => join(dir, name)) : [],
    };
  }),
  ...[
    ['rxjs@7.8.2', 'Apache-2.0', ['src'], 'LICENSE.txt'],
    ['zod@4.6.7', 'MIT', ['src'], 'LICENSE'],
    ['@tanstack/query-core@5.108.0', 'MIT', ['src'], 'LICENSE'],
    ['@tanstack/react-query@5.108.0', 'MIT', ['src'], 'LICENSE'],
    ['svelte@5.57.3', 'MIT', ['src'], 'LICENSE.md'],
  ].map(([spec, licence, include, licenceFile]) => {
    const name = spec.replace(/^@/, '').replace('/', '-').replace('@', '-');
    return { group: 'ts-js', name, npm: spec, from: join(npmDir, name, 'package'), include, licence, licenceFiles: [join(npmDir, name, 'package', licenceFile)] };
  }),
];

/** Peer linters for the side-by-side figures; pinned, installed outside the project's package.json. */
const TOOLS = { eslint: '10.15.0', '@eslint/js': '10.0.1', 'typescript-eslint': '8.73.0', typescript: '5.9.3' };
const ESLINT_CONFIG = `// Written by bench/corpus.mjs: ESLint's and typescript-eslint's recommended rules, no type information.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
);
`;

main();

function main() {
  const before = readManifest();
  const fresh = before && before.version === CORPUS_VERSION && !args.has('--force') && existsSync(filesDir) && sourcesPresent(before);
  if (fresh) {
    if (jsonOnly) process.stdout.write(`${JSON.stringify(before)}\n`);
    else printManifest(before, 'corpus ready (cached)');
    ensureTools();
    return;
  }
  installDebianPackages();
  fetchNpmSources();
  const manifest = copyCorpus();
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  if (jsonOnly) process.stdout.write(`${JSON.stringify(manifest)}\n`);
  else printManifest(manifest, 'corpus prepared');
  ensureTools();
}

function readManifest() {
  try {
    return JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The copy is trusted only when every source it lists still has its folder. */
function sourcesPresent(manifest) {
  return manifest.sources.every((source) => existsSync(join(filesDir, source.group, source.name)));
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function installDebianPackages() {
  const missing = [];
  for (const source of SOURCES) if (source.debian && (!source.from || !existsSync(source.from))) missing.push(source.debian);
  if (!goRoot) missing.push('golang-go');
  if (!existsSync('/usr/bin/flake8')) missing.push('flake8');
  if (!existsSync('/usr/bin/time')) missing.push('time');
  const packages = [...new Set(missing.filter((name) => !name.startsWith('libpython')))];
  if (packages.length === 0) return;
  const command = ['apt-get', 'install', '-y', '--no-install-recommends', ...packages];
  if (!isRoot()) {
    log(`missing Debian packages; run as root:\n  apt-get update && ${command.join(' ')}\nthen run this script again`);
    process.exit(2);
  }
  log(`installing Debian packages: ${packages.join(' ')}`);
  execFileSync('apt-get', ['update'], { stdio: jsonOnly ? 'ignore' : 'inherit' });
  execFileSync(command[0], command.slice(1), { stdio: jsonOnly ? 'ignore' : 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  log('Debian packages installed: run this script again so the new paths are picked up');
  // Paths such as /usr/lib/go-1.x are resolved when this module loads, so start over.
  execFileSync(process.execPath, process.argv.slice(1), { stdio: 'inherit' });
  process.exit(0);
}

function fetchNpmSources() {
  mkdirSync(npmDir, { recursive: true });
  for (const source of SOURCES) {
    if (!source.npm || existsSync(source.from)) continue;
    log(`npm pack ${source.npm}`);
    const output = execFileSync('npm', ['pack', source.npm, '--silent', '--pack-destination', npmDir], { cwd: npmDir, encoding: 'utf8' });
    const tarball = join(npmDir, output.trim().split('\n').pop() ?? '');
    const into = dirname(source.from);
    mkdirSync(into, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', into]);
  }
}

function copyCorpus() {
  rmSync(filesDir, { recursive: true, force: true });
  const sources = [];
  for (const source of SOURCES) {
    if (!source.from || !existsSync(source.from)) throw new Error(`source ${source.name} not found at ${source.from}`);
    const target = join(filesDir, source.group, source.name);
    let files = 0;
    let bytes = 0;
    for (const pattern of source.include) {
      for (const file of expand(source.from, pattern, source.group)) {
        const to = join(target, relative(source.from, file));
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(file, to);
        files++;
        bytes += statSync(file).size;
      }
    }
    const licences = source.licenceFiles.filter((file) => existsSync(file));
    if (licences.length === 0) throw new Error(`no licence file for ${source.name}`);
    for (const file of licences) copyFileSync(file, join(target, basename(file) === 'copyright' ? 'COPYRIGHT' : basename(file)));
    sources.push({
      group: source.group,
      name: source.name,
      origin: source.npm ? `npm:${source.npm}` : `debian:${source.debian} (${source.from})`,
      include: source.include,
      licence: source.licence,
      files,
      bytes,
    });
  }
  return { version: CORPUS_VERSION, dir: filesDir, sources };
}

/** `./*.py` means the files directly in `from`; a folder name means everything under it. */
function* expand(from, pattern, group) {
  if (pattern.startsWith('./*')) {
    const ext = pattern.slice(3);
    for (const name of readdirSync(from).sort()) {
      const path = join(from, name);
      if (name.endsWith(ext) && statSync(path).isFile()) yield path;
    }
    return;
  }
  const start = join(from, pattern);
  if (existsSync(start)) yield* walk(start, EXTENSIONS[group]);
}

function* walk(dir, extensions) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!EXCLUDED_DIRS.has(entry.name)) yield* walk(path, extensions);
    } else if (entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext)) && !EXCLUDED_NAMES.some((re) => re.test(entry.name))) {
      yield path;
    }
  }
}

function newestDir(parent, pattern) {
  if (!existsSync(parent)) return undefined;
  const names = readdirSync(parent).filter((name) => pattern.test(name));
  names.sort((a, b) => compareVersions(a, b));
  const last = names.pop();
  return last ? join(parent, last) : undefined;
}

function compareVersions(a, b) {
  const pa = a.match(/\d+/g)?.map(Number) ?? [];
  const pb = b.match(/\d+/g)?.map(Number) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff) return diff;
  }
  return 0;
}

function ensureTools() {
  const installed = join(toolsDir, 'node_modules', 'eslint', 'package.json');
  const wanted = JSON.stringify(TOOLS);
  const pkgPath = join(toolsDir, 'package.json');
  const current = existsSync(pkgPath) ? JSON.stringify(JSON.parse(readFileSync(pkgPath, 'utf8')).dependencies) : '';
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(join(toolsDir, 'eslint.config.mjs'), ESLINT_CONFIG);
  if (existsSync(installed) && current === wanted) return;
  writeFileSync(pkgPath, `${JSON.stringify({ name: 'omni-bench-tools', private: true, type: 'module', dependencies: TOOLS }, null, 2)}\n`);
  log(`installing peer linters into ${relative(root, toolsDir)}: ${Object.entries(TOOLS).map(([n, v]) => `${n}@${v}`).join(' ')}`);
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent'], { cwd: toolsDir, stdio: jsonOnly ? 'ignore' : 'inherit' });
  } catch (error) {
    log(`could not install the peer linters (${error.message}); the bench will skip ESLint`);
  }
}

function printManifest(manifest, title) {
  const mb = (bytes) => (bytes / 1e6).toFixed(2);
  log(`${title}: ${relative(root, manifest.dir)}`);
  const groups = new Map();
  for (const source of manifest.sources) {
    const group = groups.get(source.group) ?? { files: 0, bytes: 0 };
    group.files += source.files;
    group.bytes += source.bytes;
    groups.set(source.group, group);
    log(`  ${source.group.padEnd(10)} ${source.name.padEnd(30)} ${String(source.files).padStart(5)} files ${mb(source.bytes).padStart(6)} MB  ${source.licence.padEnd(18)} ${source.origin}`);
  }
  let files = 0;
  let bytes = 0;
  for (const [name, group] of groups) {
    log(`  = ${name.padEnd(8)} ${String(group.files).padStart(5)} files ${mb(group.bytes).padStart(6)} MB`);
    files += group.files;
    bytes += group.bytes;
  }
  log(`  = total    ${String(files).padStart(5)} files ${mb(bytes).padStart(6)} MB (MB = 10^6 bytes; each source keeps its licence file in its folder)`);
}
