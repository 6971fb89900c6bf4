import { z } from 'zod';
import { definePanelProtocol } from './define';

/** The spec view: one spec rendered by section, its checklist, comments, Refine and revision diffs. */

const line = z.number().int().positive();

export const CommentAnchorView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('spec') }).strict(),
  z.object({ kind: z.literal('section'), section: z.string().trim().min(1) }).strict(),
  z.object({ kind: z.literal('requirement'), id: z.string().regex(/^(R|NFR)[1-9]\d*$/) }).strict(),
]);
export type CommentAnchorView = z.infer<typeof CommentAnchorView>;

export const CommentView = z
  .object({
    id: z.string().min(1),
    anchor: CommentAnchorView,
    /** `R3`, `Constraints`, `the whole spec`. */
    anchorLabel: z.string(),
    /** The line the anchor points at now; absent when its section or requirement is gone. */
    line: line.optional(),
    body: z.string(),
    author: z.string(),
    createdAt: z.string(),
    status: z.enum(['open', 'resolved']),
    resolvedBy: z.string().optional(),
    source: z.enum(['comment', 'request-changes']),
    /** Written on an earlier text of the spec than the one on disk now. */
    outdated: z.boolean(),
  })
  .strict();
export type CommentView = z.infer<typeof CommentView>;

export const SectionView = z
  .object({
    key: z.string().optional(),
    title: z.string(),
    line,
    bodyLine: line,
    /** The section's markdown; the webview renders it with raw HTML off. */
    body: z.string(),
    /** Requirement ids written in this section, for comments on them. */
    requirementIds: z.array(z.string()),
  })
  .strict();
export type SectionView = z.infer<typeof SectionView>;

export const ChecklistItemView = z
  .object({
    id: z.string(),
    title: z.string(),
    passed: z.boolean(),
    problems: z.array(z.object({ line: z.number().int().nonnegative(), message: z.string() }).strict()),
  })
  .strict();
export type ChecklistItemView = z.infer<typeof ChecklistItemView>;

export const RevisionView = z.object({ number: z.number().int().positive(), label: z.string(), at: z.string().optional() }).strict();
export type RevisionView = z.infer<typeof RevisionView>;

export const ApprovalView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('valid'), by: z.string(), at: z.string() }).strict(),
  z.object({ kind: z.literal('void'), by: z.string(), at: z.string(), reason: z.string() }).strict(),
]);

/** comments.json read fine, or the reason it could not be (named by path; the file is left as it is). */
export const CommentsView = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), items: z.array(CommentView) }).strict(),
  z.object({ ok: z.literal(false), path: z.string(), message: z.string() }).strict(),
]);

export const SpecSnapshot = z
  .object({
    slug: z.string(),
    /** spec.md's URI: what a restored panel shows again. */
    specUri: z.string(),
    path: z.string(),
    title: z.string(),
    summary: z.string(),
    frontmatter: z
      .object({
        status: z.string(),
        complexity: z.string(),
        risk: z.string(),
        estimatedFiles: z.number(),
        estimatedTestCoverage: z.number(),
        requiresMigration: z.boolean(),
        breakingChanges: z.boolean(),
      })
      .strict(),
    approval: ApprovalView,
    sections: z.array(SectionView),
    checklist: z.object({ complete: z.boolean(), items: z.array(ChecklistItemView) }).strict(),
    comments: CommentsView,
    revisions: z.array(RevisionView),
    review: z.object({ overall: z.number(), decision: z.string(), stale: z.boolean() }).strict().optional(),
  })
  .strict();
export type SpecSnapshot = z.infer<typeof SpecSnapshot>;

/** What the view shows: the spec, or why it cannot be read (each problem with its line). */
export const SpecViewUpdate = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('spec'), spec: SpecSnapshot }).strict(),
  z
    .object({
      kind: z.literal('error'),
      slug: z.string(),
      specUri: z.string(),
      path: z.string(),
      message: z.string(),
      problems: z.array(z.object({ line: z.number().int().nonnegative(), message: z.string() }).strict()),
    })
    .strict(),
]);
export type SpecViewUpdate = z.infer<typeof SpecViewUpdate>;

export const RevisionRefView = z.union([z.number().int().positive(), z.literal('current')]);
export type RevisionRefView = z.infer<typeof RevisionRefView>;

const DiffLineView = z
  .object({ kind: z.enum(['context', 'added', 'removed']), oldLine: line.optional(), newLine: line.optional(), text: z.string() })
  .strict();
export const DiffView = z
  .object({
    hunks: z.array(z.object({ oldStart: z.number().int(), oldLines: z.number().int(), newStart: z.number().int(), newLines: z.number().int(), lines: z.array(DiffLineView) }).strict()),
    added: z.number().int().nonnegative(),
    removed: z.number().int().nonnegative(),
  })
  .strict();
export type DiffView = z.infer<typeof DiffView>;

const nothing = z.null();

export const SpecViewProtocol = definePanelProtocol('spec-view', {
  requests: {
    addComment: { params: z.object({ anchor: CommentAnchorView, body: z.string().trim().min(1) }).strict(), result: CommentView },
    resolveComment: { params: z.object({ id: z.string().min(1) }).strict(), result: nothing },
    reopenComment: { params: z.object({ id: z.string().min(1) }).strict(), result: nothing },
    deleteComment: { params: z.object({ id: z.string().min(1) }).strict(), result: nothing },
    /** Sends the open comments to the Architect; resolves when the revision has been reviewed again. */
    refine: {
      params: z.object({}).strict(),
      result: z.object({ phase: z.string(), answered: z.array(z.string()), reasons: z.array(z.string()), overall: z.number().optional() }).strict(),
    },
    /** Shows spec.md in the editor at this line. */
    reveal: { params: z.object({ line: line }).strict(), result: nothing },
    /** A link in the spec: opened by the extension, never navigated to by the webview. */
    openLink: { params: z.object({ href: z.string().min(1) }).strict(), result: nothing },
    diff: { params: z.object({ from: RevisionRefView, to: RevisionRefView }).strict(), result: DiffView },
    openReview: { params: z.object({}).strict(), result: nothing },
  },
  events: {
    update: SpecViewUpdate,
    /** A step of a running Refine. */
    progress: z.object({ step: z.string(), message: z.string() }).strict(),
  },
  state: z.object({ specUri: z.string() }).strict(),
});
export type SpecViewProtocol = typeof SpecViewProtocol;
