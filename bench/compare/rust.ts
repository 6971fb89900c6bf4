// Compares the rs/ rules with `cargo clippy` on real crates from Debian's librust-*-dev packages.
//
// Run from the repository root (web-tree-sitter is ESM and reads import.meta.url, which a CommonJS
// bundle lacks: the define and banner give it one, as esbuild.mjs does):
//   npx esbuild bench/compare/rust.ts --bundle --platform=node --format=cjs --loader:.scm=text \
//     --define:import.meta.url=import_meta_url \
//     "--banner:js=var import_meta_url=require('node:url').pathToFileURL(__filename).href;" \
//     --outfile=/tmp/cmp-rust.cjs && node /tmp/cmp-rust.cjs [--details] [--held-out | CRATE...]
// CRATE is a registry directory (`regex-1.7.1`) or a crate name (newest version); default: TUNING_CRATES,
// or HELD_OUT_CRATES with --held-out.
//
// Needs: `cargo clippy` (rustup component add clippy) and the crates under /usr/share/cargo/registry,
// from Debian's packages: `apt-get install -y librust-<crate>-dev` for each crate in TUNING_CRATES and
// HELD_OUT_CRATES below (underscores become dashes: librust-serde-json-dev); a missing crate is
// reported with its package name and skipped. Their dependencies come with them.
// Each crate is copied to /tmp/omni-rs-cmp/<crate> (dev-dependencies removed, its own workspace),
// checked offline against the Debian registry with `cargo clippy --lib --bins` (so test code is not
// compiled, like ours spares it), and our findings are computed on the files rustc compiled (from
// the dep-info file). A finding of ours matches one of clippy's in the same file when our line falls
// within clippy's span. For let_underscore_must_use only the "`#[must_use]` type" findings count (a
// Result is one; "`#[must_use]` function" ones are other types). Clippy runs with default features:
// code under a `#[cfg]` that is off (other platforms, features) is compiled by clippy only where
// enabled, while we read it all: see the (cfg) column. (spared) counts clippy's findings in code we
// spare on purpose (`build.rs`, `fn main`).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Finding } from '../../src/core/rules/finding';
import { ourFindings } from './our-findings';

const REGISTRY = '/usr/share/cargo/registry';
const WORK = '/tmp/omni-rs-cmp';
const TARGET = join(WORK, 'target');

/** Crates the rules were tuned on: their differences were read one by one. */
const TUNING_CRATES = [
  'anyhow', 'serde_json', 'regex', 'regex-syntax', 'walkdir', 'semver', 'tempfile', 'itertools', 'toml', 'ignore',
  'globset', 'env_logger', 'crossbeam-channel', 'indicatif', 'tokio', 'clap', 'chrono', 'nom', 'petgraph',
  'rayon-core', 'h2', 'hyper', 'console', 'bstr', 'uuid', 'aho-corasick', 'tokio-util',
];

/** Crates held out until the rules were done, to check the figures on code they were not tuned on (`--held-out`). */
const HELD_OUT_CRATES = [
  'reqwest', 'ureq', 'tokio-postgres', 'tracing-subscriber', 'syn', 'bindgen', 'rayon', 'url', 'time',
  'yaml-rust', 'config', 'oauth2', 'jsonwebtoken', 'openssl', 'textwrap', 'mio', 'futures-util', 'serde',
  'rust-ini', 'which', 'cookie_store', 'lru', 'encoding_rs', 'http', 'httparse', 'socket2', 'parking_lot',
  'crossbeam-epoch', 'smallvec', 'indexmap', 'log', 'rand', 'tracing', 'postgres-protocol', 'brotli-decompressor',
];

/** Our rule for each clippy lint that means the same. */
const LINTS: Readonly<Record<string, string>> = {
  'clippy::unwrap_used': 'rs/unwrap-used',
  'clippy::expect_used': 'rs/expect-used',
  'clippy::panic': 'rs/panic',
  'clippy::todo': 'rs/todo',
  'clippy::unimplemented': 'rs/unimplemented',
  'clippy::let_underscore_must_use': 'rs/let-underscore-result',
};

interface TheirFinding {
  readonly rule: string;
  readonly file: string;
  readonly lineStart: number;
  readonly lineEnd: number;
  readonly message: string;
  matched: boolean;
}

interface Row {
  files: number;
  ours: number;
  theirs: number;
  both: number;
  onlyOurs: number;
  onlyTheirs: number;
  /** Only-ours findings in code under a `#[cfg(..)]` that rustc did not compile (a heuristic by indentation). */
  cfg: number;
  /** Only-theirs findings in code we spare on purpose (`build.rs`, `fn main`). */
  spared: number;
}

function newestCrateDir(name: string): string | undefined {
  const pattern = new RegExp(`^${name.replace(/[-_]/g, '[-_]')}-(\\d+)\\.(\\d+)\\.(\\d+)$`);
  const versions = readdirSync(REGISTRY)
    .map((dir) => ({ dir, parts: pattern.exec(dir) }))
    .filter((entry): entry is { dir: string; parts: RegExpExecArray } => entry.parts !== null)
    .sort((a, b) => {
      for (let i = 1; i <= 3; i++) {
        const diff = Number(a.parts[i]) - Number(b.parts[i]);
        if (diff !== 0) return diff;
      }
      return 0;
    });
  return versions.at(-1)?.dir;
}

/** A standalone copy: no dev-dependencies (often not packaged), its own `[workspace]`. */
function prepare(crateDir: string): string {
  const dest = join(WORK, crateDir);
  rmSync(dest, { recursive: true, force: true });
  cpSync(join(REGISTRY, crateDir), dest, { recursive: true });
  const manifest = readFileSync(join(dest, 'Cargo.toml'), 'utf8');
  const kept: string[] = [];
  let skipping = false;
  for (const line of manifest.split('\n')) {
    if (line.startsWith('[')) skipping = /dev-dependencies|^\[workspace\]/.test(line);
    if (!skipping) kept.push(line);
  }
  writeFileSync(join(dest, 'Cargo.toml'), `${kept.join('\n')}\n[workspace]\n`);
  rmSync(join(dest, 'Cargo.lock'), { force: true });
  return dest;
}

function writeCargoConfig(): void {
  mkdirSync(join(WORK, '.cargo'), { recursive: true });
  writeFileSync(
    join(WORK, '.cargo', 'config.toml'),
    `[source.crates-io]\nreplace-with = "debian"\n[source.debian]\ndirectory = "${REGISTRY}"\n[net]\noffline = true\n`,
  );
}

interface ClippyRun {
  readonly findings: TheirFinding[];
  readonly files: string[];
  readonly error?: string;
}

function runClippy(dir: string): ClippyRun {
  const lints = Object.keys(LINTS).flatMap((lint) => ['-W', lint]);
  // `--cap-lints warn`: clippy's deny-by-default lints would stop the build before the files are listed.
  const result = spawnSync('cargo', ['clippy', '--lib', '--bins', '--message-format=json', '--', '--cap-lints', 'warn', ...lints], {
    cwd: dir,
    env: { ...process.env, CARGO_TARGET_DIR: TARGET },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const findings = new Map<string, TheirFinding>();
  const depInfos: string[] = [];
  for (const line of result.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line) as ClippyMessage;
    if (message.reason === 'compiler-artifact' && message.manifest_path === join(dir, 'Cargo.toml')) {
      for (const file of message.filenames ?? []) {
        if (file.endsWith('.rmeta') || file.endsWith('.rlib') || !/\.\w+$/.test(file)) depInfos.push(depInfoOf(file));
      }
    }
    if (message.reason !== 'compiler-message' || !message.message) continue;
    const rule = LINTS[message.message.code?.code ?? ''];
    const span = message.message.spans.find((candidate) => candidate.is_primary);
    if (!rule || !span || span.file_name.startsWith('/')) continue;
    // "on a result of a `#[must_use]` function" is said only when the type is not must_use: never a Result.
    if (rule === 'rs/let-underscore-result' && message.message.message.includes('must_use]` function')) continue;
    // Nested chains (`a.unwrap().b().unwrap()`) give spans that start together: the end tells them apart.
    const key = `${rule}:${span.file_name}:${span.line_start}:${span.column_start}:${span.line_end}:${span.column_end}`;
    findings.set(key, { rule, file: resolve(dir, span.file_name), lineStart: span.line_start, lineEnd: span.line_end, message: message.message.message, matched: false });
  }
  const files = new Set<string>();
  for (const depInfo of depInfos) {
    if (!existsSync(depInfo)) continue;
    for (const line of readFileSync(depInfo, 'utf8').split('\n')) {
      const colon = line.indexOf(': ');
      if (colon < 0) continue;
      for (const entry of line.slice(colon + 2).split(/(?<!\\) /)) {
        const path = resolve(dir, entry);
        if (path.endsWith('.rs') && path.startsWith(`${dir}/`)) files.add(path);
      }
    }
  }
  const failed = result.status !== 0 && files.size === 0;
  return { findings: [...findings.values()], files: [...files].sort(), ...(failed ? { error: result.stderr.split('\n').filter((l) => l.startsWith('error')).slice(0, 3).join(' | ') } : {}) };
}

/** `target/debug/deps/libfoo-hash.rmeta` -> `target/debug/deps/foo-hash.d`; a binary's dep-info sits beside it. */
function depInfoOf(artifact: string): string {
  const slash = artifact.lastIndexOf('/');
  const dirName = artifact.slice(0, slash);
  const base = artifact.slice(slash + 1).replace(/^lib/, '').replace(/\.(rmeta|rlib)$/, '');
  return join(dirName, `${base}.d`);
}

interface ClippyMessage {
  readonly reason: string;
  readonly manifest_path?: string;
  readonly filenames?: readonly string[];
  readonly message?: {
    readonly message: string;
    readonly code?: { readonly code: string } | null;
    readonly spans: readonly {
      readonly file_name: string;
      readonly line_start: number;
      readonly line_end: number;
      readonly column_start: number;
      readonly column_end: number;
      readonly is_primary: boolean;
    }[];
  };
}

function compare(ours: readonly Finding[], theirs: TheirFinding[], rows: Map<string, Row>, files: number, details: string[]): void {
  for (const rule of new Set(Object.values(LINTS))) {
    const row = rows.get(rule) ?? { files: 0, ours: 0, theirs: 0, both: 0, onlyOurs: 0, onlyTheirs: 0, cfg: 0, spared: 0 };
    rows.set(rule, row);
    row.files += files;
    const mine = ours.filter((finding) => finding.ruleId === rule);
    const candidates = theirs.filter((finding) => finding.rule === rule);
    row.ours += mine.length;
    row.theirs += candidates.length;
    for (const finding of mine) {
      const line = finding.range.start.line + 1;
      const endLine = finding.range.end.line + 1;
      // Clippy spans the whole call from its receiver: prefer one that ends on our line, then the tightest.
      const open = candidates.filter((c) => !c.matched && c.file === finding.path && c.lineStart <= endLine && line <= c.lineEnd);
      const match =
        open.find((c) => c.lineEnd === line) ?? open.sort((a, b) => a.lineEnd - a.lineStart - (b.lineEnd - b.lineStart))[0];
      if (match) {
        match.matched = true;
        row.both++;
      } else {
        row.onlyOurs++;
        const gated = cfgGated(finding.path, line);
        if (gated) row.cfg++;
        details.push(`only-ours   ${rule} ${finding.path}:${line}${gated ? ` (under ${gated})` : ''}`);
      }
    }
    for (const finding of candidates.filter((c) => !c.matched)) {
      row.onlyTheirs++;
      const why = spared(finding.file, finding.lineStart);
      if (why) row.spared++;
      details.push(`only-theirs ${rule} ${finding.file}:${finding.lineStart} (${finding.message})${why ? ` (spared: ${why})` : ''}`);
    }
  }
}

const fileLines = new Map<string, string[]>();


function linesOf(path: string): string[] {
  let lines = fileLines.get(path);
  if (!lines) {
    lines = readFileSync(path, 'utf8').split('\n');
    fileLines.set(path, lines);
  }
  return lines;
}

const indentOf = (text: string): number => text.length - text.trimStart().length;

/**
 * The lines that open what encloses `line` (items, match arms, macro calls), innermost first, with
 * the attribute lines right above each: found by walking up to lines of smaller indentation (a
 * heuristic; the comparison has no tree of its own).
 */
function enclosingHeaders(path: string, line: number): { header: string; attributes: string[] }[] {
  const lines = linesOf(path);
  const found: { header: string; attributes: string[] }[] = [];
  let current = indentOf(lines[line - 1] ?? '');
  let armed = false;
  for (let index = line - 2; index >= 0; index--) {
    const text = lines[index] ?? '';
    if (text.trim() === '') continue;
    const indent = indentOf(text);
    if (indent < current) {
      current = indent;
      armed = true;
    }
    if (!armed || indent !== current) continue;
    // The body's `{`, a `where` clause or the tail of a signature: the header is further up.
    if (/^\s*(?:[{)]|where\b|->)/.test(text)) continue;
    const attributes: string[] = [];
    for (let above = index - 1; above >= 0; above--) {
      const attribute = (lines[above] ?? '').trim();
      if (attribute.startsWith('#[')) attributes.push(attribute);
      else if (!attribute.startsWith('//')) break;
    }
    found.push({ header: text.trim(), attributes });
    armed = false;
  }
  return found;
}

/** The `#[cfg(..)]` (not `cfg(test)`) or `cfg_*! { }` wrapper of an enclosing item, or a file-wide `#![cfg(..)]`. */
function cfgGated(path: string, line: number): string | undefined {
  for (const { header, attributes } of enclosingHeaders(path, line)) {
    const cfg = attributes.find((attribute) => /^#\[cfg\((?!test\))/.test(attribute));
    if (cfg) return cfg;
    if (/^cfg_\w+!/.test(header)) return header;
  }
  return linesOf(path).map((text) => text.trim()).find((text) => text.startsWith('#![cfg('));
}

/** Where clippy reports and we stay quiet on purpose: build scripts and `fn main`. */
function spared(path: string, line: number): string | undefined {
  if (path.endsWith('/build.rs')) return 'build.rs';
  return enclosingHeaders(path, line).some(({ header }) => /^(?:pub(?:\([^)]*\))?\s+)?fn main\s*\(/.test(header)) ? 'fn main' : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showDetails = args.includes('--details');
  const names = args.filter((arg) => !arg.startsWith('--'));
  const defaults = args.includes('--held-out') ? HELD_OUT_CRATES : TUNING_CRATES;
  const check = spawnSync('cargo', ['clippy', '--version'], { encoding: 'utf8' });
  if (check.status !== 0) {
    console.error('cargo clippy is missing: install Rust with rustup, then `rustup component add clippy`');
    process.exit(2);
  }
  writeCargoConfig();
  const rows = new Map<string, Row>();
  const details: string[] = [];
  const summary: string[] = [];
  for (const name of names.length ? names : defaults) {
    const crateDir = existsSync(join(REGISTRY, name)) ? name : newestCrateDir(name);
    if (!crateDir) {
      summary.push(`${name}: not in ${REGISTRY} (apt-get install librust-${name.replace(/_/g, '-')}-dev)`);
      continue;
    }
    const dir = prepare(crateDir);
    const clippy = runClippy(dir);
    if (clippy.error) {
      summary.push(`${crateDir}: clippy failed: ${clippy.error}`);
      continue;
    }
    const ours = (await ourFindings(clippy.files)).filter((finding) => finding.ruleId.startsWith('rs/'));
    compare(ours, clippy.findings, rows, clippy.files.length, details);
    summary.push(`${crateDir}: ${clippy.files.length} files, ours ${ours.length}, clippy ${clippy.findings.length}`);
  }
  console.log(summary.join('\n'));
  console.log('');
  console.log(['rule'.padEnd(26), 'files', 'ours', 'theirs', 'both', 'only-ours', '(cfg)', 'only-theirs', '(spared)'].join('\t'));
  for (const [rule, row] of rows) {
    console.log([rule.padEnd(26), row.files, row.ours, row.theirs, row.both, row.onlyOurs, row.cfg, row.onlyTheirs, row.spared].join('\t'));
  }
  console.log('(cfg): of only-ours, those under a #[cfg(..)] or cfg_*! wrapper (other platform, feature off) that rustc did not compile');
  console.log('(spared): of only-theirs, those in build.rs or fn main, which our rules spare on purpose');
  if (showDetails) console.log(`\n${details.join('\n')}`);
}

void main();
