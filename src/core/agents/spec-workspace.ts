import type { PipelineEvent } from '../store/pipeline-events';
import type { ProjectContextSource } from './context';

export const SPEC_JSON_FILES = ['review.json', 'threats.json', 'comments.json'] as const;
export type SpecJsonFile = (typeof SPEC_JSON_FILES)[number];

/** The events log of one spec: spans from the Tracer and the pipeline's own steps. */
export interface SpecEventSink {
  append(event: PipelineEvent): Promise<void>;
}

/** One spec's folder, `.omni/specs/<slug>/`. Every write is atomic. */
export interface SpecFolder {
  readonly slug: string;
  /** spec.md as the user sees it (an absolute path on disk). */
  readonly specPath: string;
  readSpec(): Promise<string | undefined>;
  writeSpec(text: string): Promise<void>;
  /** The text the Architect last wrote: the base of the three-way merge that keeps hand edits. */
  readBase(): Promise<string | undefined>;
  /**
   * Records what an agent just wrote, once spec.md holds it: the merge base becomes `text`, and
   * spec.md as it is now (the agent's text with the hand edits merged in) is kept as the next revision.
   */
  writeBase(text: string): Promise<void>;
  /** Numbers of the kept revisions (1, 2...), oldest first. */
  listRevisions(): Promise<number[]>;
  /** spec.md as revision `n` left it; undefined when there is no such revision. */
  readRevision(n: number): Promise<string | undefined>;
  /** Parsed JSON, or undefined when the file does not exist; throws a SyntaxError naming the file when it is not JSON. */
  readJson(name: SpecJsonFile): Promise<unknown>;
  writeJson(name: SpecJsonFile, value: unknown): Promise<void>;
  /** Keeps a file for the user to read (a model's answers that never validated), in the folder's `.agent/`. */
  keep(name: string, text: string): Promise<{ path: string; relative: string }>;
  /**
   * Holds the folder for one pipeline run (the CLI and the editor may both try to resume it);
   * resolves with the release. Throws SpecBusyError while a live process holds it; a lock left by a
   * process that died is taken over.
   */
  lock(): Promise<() => Promise<void>>;
  /** Every event, validated; throws EventsLogError naming the file and line of a bad one. */
  readEvents(): Promise<PipelineEvent[]>;
  readonly events: SpecEventSink;
}

/** The `.omni/specs` folder of a project. */
export interface SpecWorkspace {
  readonly specsRoot: string;
  /** Slugs of the spec folders, sorted. */
  list(): Promise<string[]>;
  /** The folder of `slug`, whether or not it exists yet. */
  open(slug: string): SpecFolder;
  /** A new folder whose slug is made from `title` and unique in the workspace. */
  create(title: string): Promise<SpecFolder>;
  /** The project the specs describe, for the agents' context. */
  readonly context: ProjectContextSource;
}

/** No spec folder with this slug, or no spec.md in it. */
export class SpecNotFoundError extends Error {
  override readonly name = 'SpecNotFoundError';
  constructor(readonly slug: string, detail: string) {
    super(`spec "${slug}": ${detail}`);
  }
}

/** One run or approval at a time per spec: a second (the editor resuming while the CLI runs) gets SpecBusyError. */
export async function withLock<T>(folder: SpecFolder, work: () => Promise<T>): Promise<T> {
  const release = await folder.lock();
  try {
    return await work();
  } finally {
    await release();
  }
}

/** A short, readable folder name: `add-rate-limiting-to-the-api`. */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > 48) break;
    slug = next;
  }
  return slug || 'spec';
}

/** Another run (this process or another on this machine) is working on the spec. */
export class SpecBusyError extends Error {
  override readonly name = 'SpecBusyError';
  constructor(readonly slug: string, holder: string) {
    super(`spec "${slug}" is being worked on by ${holder}: wait for it to finish, or stop it`);
  }
}

/** A file of a spec's folder that cannot be used as it is; names the file. */
export class SpecFileError extends Error {
  override readonly name = 'SpecFileError';
  constructor(readonly path: string, detail: string) {
    super(`${path}: ${detail}`);
  }
}
