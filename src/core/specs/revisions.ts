import { structuredPatch } from 'diff';
import type { SpecFolder } from '../agents/spec-workspace';
import type { PipelineEvent } from '../store/pipeline-events';
import { specHash } from './spec-hash';

/** A spec text an agent wrote (a draft, a revision), as it landed in spec.md. */
export interface SpecRevision {
  readonly number: number;
  /** What wrote it, from the events log: `draft`, `completeness fix`, `review round 1`, `refined from comments`. */
  readonly label: string;
  /** When the events log recorded it; absent for a revision the log does not name. */
  readonly at?: string;
  readonly sha256: string;
}

/** A revision to compare: a kept one by number, or spec.md as it is now. */
export type RevisionRef = number | 'current';

/** No such revision kept (or no spec.md, for `current`). */
export class RevisionNotFoundError extends Error {
  override readonly name = 'RevisionNotFoundError';
  constructor(
    readonly slug: string,
    readonly ref: RevisionRef,
  ) {
    super(ref === 'current' ? `spec "${slug}" has no spec.md` : `spec "${slug}" has no revision ${ref}`);
  }
}

/** Every kept revision, oldest first, named after the event that wrote it. */
export async function listSpecRevisions(folder: SpecFolder): Promise<SpecRevision[]> {
  const [numbers, events] = await Promise.all([folder.listRevisions(), folder.readEvents()]);
  const written = writtenBy(events);
  return Promise.all(
    numbers.map(async (number) => {
      const sha256 = await specHash((await folder.readRevision(number)) ?? '');
      const known = written.get(sha256);
      return { number, sha256, label: known?.label ?? `revision ${number}`, ...(known ? { at: known.at } : {}) };
    }),
  );
}

export async function readSpecRevision(folder: SpecFolder, ref: RevisionRef): Promise<string> {
  const text = ref === 'current' ? await folder.readSpec() : await folder.readRevision(ref);
  if (text === undefined) throw new RevisionNotFoundError(folder.slug, ref);
  return text;
}

/** The agent writes of the log, by the hash of the spec they left. */
function writtenBy(events: readonly PipelineEvent[]): Map<string, { label: string; at: string }> {
  const written = new Map<string, { label: string; at: string }>();
  const labels = { completeness: () => 'completeness fix', comments: () => 'refined from comments', review: (round: number) => `review round ${round}` };
  for (const event of events) {
    let label: string | undefined;
    if (event.type === 'draft') label = 'draft';
    else if (event.type === 'revision') label = labels[event.cause](event.round);
    if (label && 'spec_sha256' in event) written.set(event.spec_sha256, { label, at: event.at });
  }
  return written;
}

export interface DiffLine {
  readonly kind: 'context' | 'added' | 'removed';
  /** One-based line in the older text (context and removed lines). */
  readonly oldLine?: number;
  /** One-based line in the newer text (context and added lines). */
  readonly newLine?: number;
  readonly text: string;
}

export interface DiffHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: DiffLine[];
}

export interface RevisionDiff {
  readonly hunks: DiffHunk[];
  readonly added: number;
  readonly removed: number;
}

/** The changed lines between two texts, in hunks with `context` lines around them, numbered on both sides. */
export function diffRevisions(before: string, after: string, context = 3): RevisionDiff {
  const patch = structuredPatch('before', 'after', lf(before), lf(after), undefined, undefined, { context });
  let added = 0;
  let removed = 0;
  const hunks = patch.hunks.map((hunk): DiffHunk => {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    const lines: DiffLine[] = [];
    for (const line of hunk.lines) {
      const sign = line[0];
      const text = line.slice(1);
      if (sign === '+') {
        added++;
        lines.push({ kind: 'added', newLine: newLine++, text });
      } else if (sign === '-') {
        removed++;
        lines.push({ kind: 'removed', oldLine: oldLine++, text });
      } else if (sign === ' ') lines.push({ kind: 'context', oldLine: oldLine++, newLine: newLine++, text });
      // `\ No newline at end of file` markers carry no line of either text.
    }
    return { oldStart: hunk.oldStart, oldLines: hunk.oldLines, newStart: hunk.newStart, newLines: hunk.newLines, lines };
  });
  return { hunks, added, removed };
}

function lf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}
