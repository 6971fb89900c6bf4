import { readFileSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { relativeInside, relativePosix } from './relative-path';
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

/**
 * Folders no project wants linted (installed packages, virtual environments, tool caches, build
 * output of cargo); `.gitignore` usually says so too, but not always. Ruff and ESLint skip the same.
 */
const ALWAYS_SKIPPED = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.omni',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.eggs',
  '__pypackages__',
  'site-packages',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'target',
]);

/** A `.gitignore` and the folder it sits in (its patterns are relative to that folder). */
interface GitignoreScope {
  readonly directory: string;
  readonly matcher: Ignore;
}

/**
 * Synchronous file system calls on purpose: the walk runs before any linting starts, and a
 * round trip through the thread pool per file costs more than the call itself. Paths are built by
 * concatenation and each folder carries the `.gitignore` files above it, so a file costs one
 * `stat` and no path arithmetic.
 *
 * Yields the supported source files under the targets, honouring `.gitignore` files, include and
 * exclude globs and the size limit; unreadable paths and symlink loops become notices, never errors.
 */
export function* walk(targets: readonly string[], options: WalkOptions): Generator<WalkEvent> {
  const included = options.include.length ? picomatch([...options.include], { dot: true }) : undefined;
  const excluded = options.exclude.length ? picomatch([...options.exclude], { dot: true }) : undefined;
  const visited = new Set<string>();
  const relToRoot = (path: string): string | undefined => relativeInside(options.root, path);

  const gitignoreIn = (directory: string): Ignore | undefined => {
    try {
      return ignore().add(readFileSync(join(directory, '.gitignore'), 'utf8'));
    } catch {
      return undefined;
    }
  };

  /** The `.gitignore` scopes that apply inside a walk base: those from the project root down to it. */
  const scopesAbove = (base: string): GitignoreScope[] => {
    if (!options.gitignore) return [];
    const top = relToRoot(base) !== undefined ? options.root : base;
    const chain: string[] = [];
    for (let directory = base; directory !== top && dirname(directory) !== directory; ) {
      directory = dirname(directory);
      chain.push(directory);
    }
    return chain.reverse().flatMap((directory) => {
      const matcher = gitignoreIn(directory);
      return matcher ? [{ directory, matcher }] : [];
    });
  };

  const ignoredByGit = (path: string, isDirectory: boolean, scopes: readonly GitignoreScope[]): boolean => {
    for (const scope of scopes) {
      const rel = relativePosix(scope.directory, path);
      if (scope.matcher.ignores(isDirectory ? `${rel}/` : rel)) return true;
    }
    return false;
  };

  const filtered = (path: string, base: string): boolean => {
    if (!included && !excluded) return false;
    const rel = relToRoot(path) ?? relativePosix(base, path);
    return (included !== undefined && !included(rel)) || (excluded?.(rel) ?? false);
  };

  function* visit(directory: string, real: string, base: string, parentScopes: readonly GitignoreScope[]): Generator<WalkEvent> {
    let entries: Dirent[];
    try {
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
    // Reading a missing file throws, and exceptions are slow: look in the listing first.
    const own = options.gitignore && entries.some((entry) => entry.name === '.gitignore') ? gitignoreIn(directory) : undefined;
    const scopes = own ? [...parentScopes, { directory, matcher: own }] : parentScopes;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const prefix = directory.endsWith(sep) ? directory : directory + sep;
    for (const entry of entries) {
      const path = prefix + entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let childReal = (real.endsWith(sep) ? real : real + sep) + entry.name;
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
          if (isDirectory) childReal = realpathSync(path);
        } catch (error) {
          yield { kind: 'notice', path, message: `skipped: broken symlink (${reason(error)})`, severity: 'info' };
          continue;
        }
      }
      if (isDirectory) {
        if (ALWAYS_SKIPPED.has(entry.name) || ignoredByGit(path, true, scopes)) continue;
        const rel = relToRoot(path);
        if (rel !== undefined && excluded && picomatch.isMatch(`${rel}/`, [...options.exclude], { dot: true })) continue;
        yield* visit(path, childReal, base, scopes);
      } else if (isFile && languageForPath(entry.name)) {
        if (filtered(path, base) || ignoredByGit(path, false, scopes)) continue;
        yield fileEvent(path);
      }
    }
  }

  function fileEvent(path: string): WalkEvent {
    try {
      const info = statSync(path);
      if (info.size > options.maxBytes) {
        return { kind: 'notice', path, message: `skipped: ${Math.round(info.size / 1024)} KiB is over the ${Math.round(options.maxBytes / 1024)} KiB limit (maxFileSizeKb)`, severity: 'info' };
      }
      return { kind: 'file', path, size: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      return { kind: 'notice', path, message: `cannot read file: ${reason(error)}`, severity: 'error' };
    }
  }

  for (const target of targets) {
    const path = resolve(target);
    let info;
    let real;
    try {
      info = statSync(path);
      real = realpathSync(path);
    } catch (error) {
      yield { kind: 'notice', path, message: `no such file or folder (${reason(error)})`, severity: 'error' };
      continue;
    }
    if (info.isDirectory()) yield* visit(path, real, path, scopesAbove(path));
    else if (!languageForPath(path)) yield { kind: 'notice', path, message: 'skipped: not a Python, TypeScript, JavaScript, Go or Rust file', severity: 'info' };
    else yield fileEvent(path);
  }
}

function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
