import { z } from 'zod';
import { siblingPath } from '../agents/spec-files';
import type { SpecFolder } from '../agents/spec-workspace';
import type { SpecFile } from './spec-file';
import { InvalidFileError, parseFile } from '../schemas/invalid-file';

const isoTime = z.iso.datetime({ offset: true });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256: 64 lower-case hex digits');

/** Where a comment points: the whole spec, one section (its heading as written), or one requirement id. */
export const CommentAnchor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('spec') }).strict(),
  z.object({ kind: z.literal('section'), section: z.string().trim().min(1) }).strict(),
  z.object({ kind: z.literal('requirement'), id: z.string().regex(/^(R|NFR)[1-9]\d*$/, 'expected a requirement id like R3 or NFR1') }).strict(),
]);
export type CommentAnchor = z.infer<typeof CommentAnchor>;

/** How a comment came to be: written in the spec view, or given with "request changes". */
export const COMMENT_SOURCES = ['comment', 'request-changes'] as const;

export const SpecComment = z
  .object({
    id: z.string().regex(/^c[1-9]\d*$/, 'expected an id like c12'),
    anchor: CommentAnchor,
    body: z.string().trim().min(1, 'a comment needs some text'),
    author: z.string().trim().min(1),
    created_at: isoTime,
    source: z.enum(COMMENT_SOURCES),
    /** The spec text the comment was written against (specHash), so a reader can tell it may be outdated. */
    spec_sha256: sha256.optional(),
    status: z.enum(['open', 'resolved']),
    resolved_at: isoTime.optional(),
    resolved_by: z.string().trim().min(1).optional(),
  })
  .strict()
  .superRefine((comment, context) => {
    const resolved = comment.status === 'resolved';
    if (resolved !== (comment.resolved_at !== undefined)) {
      context.addIssue({ code: 'custom', path: ['resolved_at'], message: resolved ? 'a resolved comment needs resolved_at' : 'an open comment has no resolved_at' });
    }
  });
export type SpecComment = z.infer<typeof SpecComment>;

/** `.omni/specs/<slug>/comments.json`: the human comments on a spec, open and resolved. */
export const SpecComments = z
  .object({
    version: z.literal(1),
    comments: z.array(SpecComment),
  })
  .strict()
  .superRefine((file, context) => {
    const seen = new Map<string, number>();
    file.comments.forEach((comment, index) => {
      const first = seen.get(comment.id);
      if (first !== undefined) context.addIssue({ code: 'custom', path: ['comments', index, 'id'], message: `id ${comment.id} is already used by comments.${first}` });
      else seen.set(comment.id, index);
    });
  });
export type SpecComments = z.infer<typeof SpecComments>;

export const COMMENTS_FILE = 'comments.json';

/** comments.json failed validation: names the file and each bad field. Such a file is never overwritten. */
export class InvalidSpecCommentsError extends InvalidFileError {
  override readonly name = 'InvalidSpecCommentsError';
  constructor(path: string, problems: readonly string[]) {
    super(path, 'comments file', problems);
  }
}

/** No comment with this id in the file (deleted meanwhile, or a stale view). */
export class CommentNotFoundError extends Error {
  override readonly name = 'CommentNotFoundError';
  constructor(readonly id: string) {
    super(`no comment ${id}: it may have been deleted meanwhile`);
  }
}

export function emptySpecComments(): SpecComments {
  return { version: 1, comments: [] };
}

/** Validates parsed JSON; `undefined` (no file yet) reads as no comments. */
export function parseSpecComments(value: unknown, path: string): SpecComments {
  if (value === undefined) return emptySpecComments();
  return parseFile(SpecComments, value, (problems) => new InvalidSpecCommentsError(path, problems));
}

/** The folder's comments; throws SpecFileError (not JSON) or InvalidSpecCommentsError, both naming the file. */
export async function readSpecComments(folder: SpecFolder): Promise<SpecComments> {
  return parseSpecComments(await folder.readJson(COMMENTS_FILE), siblingPath(folder, COMMENTS_FILE));
}

/**
 * Reads, changes and writes comments.json (atomically, through the folder). A file that does not
 * validate throws before anything is written, so it is never overwritten.
 */
export async function updateSpecComments<T>(folder: SpecFolder, change: (file: SpecComments) => { file: SpecComments; result: T }): Promise<T> {
  const { file, result } = change(await readSpecComments(folder));
  await folder.writeJson(COMMENTS_FILE, SpecComments.parse(file));
  return result;
}

export interface NewComment {
  readonly anchor: CommentAnchor;
  readonly body: string;
  readonly author: string;
  /** ISO time, from the caller's clock. */
  readonly at: string;
  readonly source?: SpecComment['source'];
  readonly specSha256?: string;
}

/** Adds an open comment with the next free id (`c1`, `c2`...; ids are never reused while their comment exists). */
export function addComment(file: SpecComments, input: NewComment): { file: SpecComments; comment: SpecComment } {
  const next = 1 + Math.max(0, ...file.comments.map((comment) => Number(comment.id.slice(1))));
  const comment = SpecComment.parse({
    id: `c${next}`,
    anchor: input.anchor,
    body: input.body.trim(),
    author: input.author,
    created_at: input.at,
    source: input.source ?? 'comment',
    ...(input.specSha256 ? { spec_sha256: input.specSha256 } : {}),
    status: 'open',
  });
  return { file: { ...file, comments: [...file.comments, comment] }, comment };
}

export function resolveComment(file: SpecComments, id: string, by: { author: string; at: string }): SpecComments {
  return replaceComment(file, id, (comment) => ({ ...comment, status: 'resolved', resolved_at: by.at, resolved_by: by.author }));
}

export function reopenComment(file: SpecComments, id: string): SpecComments {
  return replaceComment(file, id, ({ resolved_at: _at, resolved_by: _by, ...comment }) => ({ ...comment, status: 'open' }));
}

export function deleteComment(file: SpecComments, id: string): SpecComments {
  findComment(file, id);
  return { ...file, comments: file.comments.filter((comment) => comment.id !== id) };
}

export function openComments(file: SpecComments): SpecComment[] {
  return file.comments.filter((comment) => comment.status === 'open');
}

/** How a person reads the anchor: `R3`, `Constraints`, `the whole spec`. */
export function anchorLabel(anchor: CommentAnchor): string {
  switch (anchor.kind) {
    case 'spec':
      return 'the whole spec';
    case 'section':
      return anchor.section;
    case 'requirement':
      return anchor.id;
  }
}

/** The spec line the anchor points at; undefined when the section or requirement is gone. */
export function anchorLine(spec: SpecFile, anchor: CommentAnchor): number | undefined {
  return anchor.kind === 'spec' ? 1 : spec.lineOf(anchorLabel(anchor));
}

function findComment(file: SpecComments, id: string): SpecComment {
  const comment = file.comments.find((candidate) => candidate.id === id);
  if (!comment) throw new CommentNotFoundError(id);
  return comment;
}

function replaceComment(file: SpecComments, id: string, change: (comment: SpecComment) => SpecComment): SpecComments {
  findComment(file, id);
  return { ...file, comments: file.comments.map((comment) => (comment.id === id ? SpecComment.parse(change(comment)) : comment)) };
}
