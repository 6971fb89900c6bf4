import { appendFile, mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { ProjectContextSource } from '../../core/agents/context';
import { z } from 'zod';
import { SpecBusyError, SpecFileError, SpecNotFoundError, slugify, type SpecFolder, type SpecWorkspace } from '../../core/agents/spec-workspace';
import type { WasmSource } from '../../core/ports/wasm';
import { parsePipelineLog } from '../../core/store/pipeline-events';
import { writeFileAtomic } from '../atomic-write';
import { relativePosix } from '../relative-path';
import { decodeSource } from '../source-text';
import { walk } from '../walk';
import { bundledWasm } from '../wasm-files';

export interface NodeSpecWorkspaceOptions {
  /** The tree-sitter grammars for the repository map (default: next to the bundle). */
  readonly wasm?: WasmSource;
  /** Globs of files the repository map leaves out, on top of .gitignore (the config's `exclude`). */
  readonly exclude?: readonly string[];
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const AGENT_FOLDER = '.agent';

/** `.omni/specs/<slug>/{spec.md, review.json, threats.json, comments.json, events.jsonl, .agent/}` under the project root; every write is atomic. */
export function nodeSpecWorkspace(root: string, options: NodeSpecWorkspaceOptions = {}): SpecWorkspace {
  const specsRoot = join(root, '.omni', 'specs');
  const open = (slug: string): SpecFolder => {
    if (!SLUG.test(slug)) throw new SpecNotFoundError(slug, 'not a spec folder name (lower-case letters, digits and -)');
    return specFolder(join(specsRoot, slug), slug);
  };
  return {
    specsRoot,
    async list() {
      const entries = await readdir(specsRoot, { withFileTypes: true }).catch(orNothing([]));
      return entries.filter((entry) => entry.isDirectory() && SLUG.test(entry.name)).map((entry) => entry.name).sort();
    },
    open,
    async create(title) {
      await mkdir(specsRoot, { recursive: true });
      const base = slugify(title);
      for (let n = 1; ; n++) {
        const slug = n === 1 ? base : `${base}-${n}`;
        try {
          // mkdir without `recursive` fails on an existing folder: two pipelines never share one.
          await mkdir(join(specsRoot, slug));
          return open(slug);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
      }
    },
    context: projectContextSource(root, options),
  };
}

/** The spec folder at `path` (`.../.omni/specs/<slug>`), for a caller that holds the folder rather than the project root. */
export function nodeSpecFolder(path: string): SpecFolder {
  const slug = basename(path);
  if (!SLUG.test(slug)) throw new SpecNotFoundError(slug, 'not a spec folder name (lower-case letters, digits and -)');
  return specFolder(path, slug);
}

function specFolder(folder: string, slug: string): SpecFolder {
  const specPath = join(folder, 'spec.md');
  const basePath = join(folder, AGENT_FOLDER, 'spec.base.md');
  const eventsPath = join(folder, 'events.jsonl');
  const revisionsPath = join(folder, AGENT_FOLDER, 'revisions');
  return {
    slug,
    specPath,
    readSpec: () => readText(specPath),
    writeSpec: (text) => writeFileAtomic(specPath, text),
    readBase: () => readText(basePath),
    async writeBase(text) {
      await writeFileAtomic(basePath, text);
      const numbers = await revisionNumbers(revisionsPath);
      await writeFileAtomic(join(revisionsPath, `${(numbers.at(-1) ?? 0) + 1}.md`), (await readText(specPath)) ?? text);
    },
    listRevisions: () => revisionNumbers(revisionsPath),
    readRevision: (n) => (Number.isSafeInteger(n) && n > 0 ? readText(join(revisionsPath, `${n}.md`)) : Promise.resolve(undefined)),
    async readJson(name) {
      const path = join(folder, name);
      const text = await readText(path);
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new SpecFileError(path, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    writeJson: (name, value) => writeFileAtomic(join(folder, name), `${JSON.stringify(value, null, 2)}\n`),
    async keep(name, text) {
      const path = join(folder, AGENT_FOLDER, name);
      await writeFileAtomic(path, text);
      return { path, relative: `${AGENT_FOLDER}/${name}` };
    },
    lock: () => lockFolder(join(folder, AGENT_FOLDER, 'run.lock'), slug),
    async readEvents() {
      const text = await readText(eventsPath);
      return text === undefined ? [] : parsePipelineLog(text, eventsPath);
    },
    events: repairedEventsFile(eventsPath),
  };
}

/** `<n>.md` files of the revisions folder, by number. */
async function revisionNumbers(folder: string): Promise<number[]> {
  const names = await readdir(folder).catch(orNothing<string[]>([]));
  return names
    .map((name) => /^([1-9]\d*)\.md$/.exec(name)?.[1])
    .filter((number): number is string => number !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

const LockHolder = z.object({ pid: z.number().int().positive(), host: z.string(), at: z.string() });

async function lockFolder(path: string, slug: string): Promise<() => Promise<void>> {
  // Not recursive: locking a slug that has no folder must not create one.
  await mkdir(dirname(path)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new SpecNotFoundError(slug, `no spec folder at ${dirname(dirname(path))}`);
    if (error.code !== 'EEXIST') throw error;
  });
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // `wx` creates the file only when it does not exist: of two runs, one gets it.
      await writeFile(path, mine, { flag: 'wx' });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = LockHolder.safeParse(parseJsonOrNothing((await readText(path)) ?? ''));
    if (held.success && isAlive(held.data)) throw new SpecBusyError(slug, `process ${held.data.pid} on ${held.data.host} since ${held.data.at}`);
    await rm(path, { force: true });
  }
  throw new SpecBusyError(slug, 'another run that took the lock at the same moment');
}

/** A lock file cut short by a crash holds nothing. */
function parseJsonOrNothing(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A lock from another machine (a shared folder) is taken as held; on this one, its process must still exist. */
function isAlive(holder: z.infer<typeof LockHolder>): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The events sink, which first cuts a torn last line (an append a crash cut short, never a whole
 * event) so that the next event starts on a line of its own instead of gluing onto it.
 */
function repairedEventsFile(path: string): SpecFolder['events'] {
  let ready: Promise<void> | undefined;
  return {
    async append(event) {
      ready ??= mkdir(dirname(path), { recursive: true }).then(() => cutTornLine(path));
      await ready;
      // One short line in one write(2) on an O_APPEND file: a concurrent reader never sees half of it.
      await appendFile(path, `${JSON.stringify(event)}\n`, 'utf8');
    },
  };
}

async function cutTornLine(path: string): Promise<void> {
  const text = await readText(path);
  if (text === undefined || text === '' || text.endsWith('\n')) return;
  await truncate(path, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
}

function projectContextSource(root: string, options: NodeSpecWorkspaceOptions): ProjectContextSource {
  return {
    async sourceFiles(limit) {
      const files: string[] = [];
      for (const event of walk([root], { root, include: [], exclude: options.exclude ?? [], gitignore: true, maxBytes: 1024 * 1024 })) {
        if (event.kind !== 'file') continue;
        files.push(relativePosix(root, event.path));
        if (files.length >= limit) break;
      }
      return files.sort();
    },
    async readText(path) {
      const bytes = await readFile(join(root, path)).catch(orNothing(undefined));
      if (!bytes) return undefined;
      const decoded = decodeSource(bytes);
      return decoded.kind === 'binary' ? undefined : decoded.text;
    },
    async steering() {
      const folder = join(root, '.omni', 'steering');
      const names = (await readdir(folder).catch(orNothing([]))).filter((name) => name.endsWith('.md')).sort();
      const files = await Promise.all(names.map(async (name) => ({ path: `.omni/steering/${name}`, text: (await readText(join(folder, name))) ?? '' })));
      return files.filter((file) => file.text.trim() !== '');
    },
    wasm: options.wasm ?? bundledWasm(),
  };
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(orNothing(undefined));
}

/** A missing file or folder reads as `fallback`; any other error (permissions, a folder where a file should be) is thrown. */
function orNothing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  };
}
