import { readFileSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { languageForPath } from '../core/rules/languages';

export interface WalkOptions {
  /** Project root: globs and `.gitignore` files are read relative to it. */
  readonly root: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly gitignore: boolean;
  readonly maxBytes: number;
}

export type WalkEvent =
  | { readonly kind: 'file'; readonly path: string; readonly size: number; readonly mtimeMs: number }
  | { readonly kind: 'notice'; readonly path: string; readonly message: string; readonly severity: 'info' | 'error' };

/** Folders no project wants linted; `.gitignore` usually says so too, but not always. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', '.omni', '__pycache__', '.venv', '.tox', 'target']);

/**
 * Synchronous file system calls on purpose: the walk runs before any linting starts, and a
 * round trip through the thread pool per file costs more than the call itself.
 *
 * Yields the supported source files under the targets, honouring `.gitignore` files, include and
 * exclude globs and the size limit; unreadable paths and symlink loops become notices, never errors.
 */
export async function* walk(targets: readonly string[], options: WalkOptions): AsyncGenerator<WalkEvent> {
  const included = options.include.length ? picomatch([...options.include], { dot: true }) : () => true;
  const excluded = options.exclude.length ? picomatch([...options.exclude], { dot: true }) : () => false;
  const gitignores = new Map<string, Ignore | null>();
  const visited = new Set<string>();

  const relToRoot = (path: string): string | undefined => {
    const rel = relative(options.root, path);
    return rel.startsWith('..') || isAbsolute(rel) ? undefined : rel.split(sep).join('/');
  };

  const gitignoreOf = (directory: string): Ignore | null => {
    if (gitignores.has(directory)) return gitignores.get(directory) ?? null;
    let matcher: Ignore | null = null;
    try {
      matcher = ignore().add(readFileSync(join(directory, '.gitignore'), 'utf8'));
    } catch {
      matcher = null;
    }
    gitignores.set(directory, matcher);
    return matcher;
  };

  /** True when a `.gitignore` between the root (or the walk's base) and the path ignores it. */
  const ignoredByGit = (path: string, isDirectory: boolean, base: string): boolean => {
    if (!options.gitignore) return false;
    const top = relToRoot(path) !== undefined ? options.root : base;
    for (let directory = dirname(path); ; directory = dirname(directory)) {
      const matcher = gitignoreOf(directory);
      if (matcher) {
        const rel = relative(directory, path).split(sep).join('/');
        if (matcher.ignores(isDirectory ? `${rel}/` : rel)) return true;
      }
      if (directory === top || dirname(directory) === directory || relative(top, directory).startsWith('..')) return false;
    }
  };

  const filtered = (path: string, base: string): boolean => {
    const rel = relToRoot(path) ?? relative(base, path).split(sep).join('/');
    return !included(rel) || excluded(rel);
  };

  async function* visit(directory: string, base: string): AsyncGenerator<WalkEvent> {
    let real: string;
    let entries: Dirent[];
    try {
      real = realpathSync(directory);
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      yield { kind: 'notice', path: directory, message: `cannot read folder: ${reason(error)}`, severity: 'error' };
      return;
    }
    if (visited.has(real)) {
      yield { kind: 'notice', path: directory, message: 'skipped: symlink loop (folder already visited)', severity: 'info' };
      return;
    }
    visited.add(real);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          yield { kind: 'notice', path, message: `skipped: broken symlink (${reason(error)})`, severity: 'info' };
          continue;
        }
      }
      if (isDirectory) {
        if (ALWAYS_SKIPPED.has(entry.name) || ignoredByGit(path, true, base)) continue;
        const rel = relToRoot(path);
        if (rel !== undefined && options.exclude.length && picomatch.isMatch(`${rel}/`, [...options.exclude], { dot: true })) continue;
        yield* visit(path, base);
      } else if (isFile && languageForPath(entry.name)) {
        if (filtered(path, base) || ignoredByGit(path, false, base)) continue;
        yield* file(path);
      }
    }
  }

  async function* file(path: string): AsyncGenerator<WalkEvent> {
    try {
      const info = statSync(path);
      if (info.size > options.maxBytes) {
        yield { kind: 'notice', path, message: `skipped: ${Math.round(info.size / 1024)} KiB is over the ${Math.round(options.maxBytes / 1024)} KiB limit (maxFileSizeKb)`, severity: 'info' };
        return;
      }
      yield { kind: 'file', path, size: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      yield { kind: 'notice', path, message: `cannot read file: ${reason(error)}`, severity: 'error' };
    }
  }

  for (const target of targets) {
    const path = resolve(target);
    let info;
    try {
      info = statSync(path);
    } catch (error) {
      yield { kind: 'notice', path, message: `no such file or folder (${reason(error)})`, severity: 'error' };
      continue;
    }
    if (info.isDirectory()) yield* visit(path, path);
    else if (!languageForPath(path)) yield { kind: 'notice', path, message: 'skipped: not a Python, TypeScript, JavaScript, Go or Rust file', severity: 'info' };
    else yield* file(path);
  }
}

function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
