import { z } from 'zod';
import { definePanelProtocol } from './define';

/** The design review view: the ten scores, the gate, the findings linked to the spec, the rounds. */

export const DimensionView = z.object({ key: z.string(), label: z.string(), score: z.number().int().min(0).max(10), rationale: z.string() }).strict();
export type DimensionView = z.infer<typeof DimensionView>;

export const FindingView = z
  .object({
    dimension: z.string(),
    dimensionLabel: z.string(),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    title: z.string(),
    detail: z.string(),
    suggestion: z.string(),
    /** As the Reviewer wrote it: `R3`, `Rollback Plan`. */
    location: z.string(),
    /** The spec line the location names now; absent when the spec no longer has it. */
    line: z.number().int().positive().optional(),
  })
  .strict();
export type FindingView = z.infer<typeof FindingView>;

export const RoundView = z
  .object({
    round: z.number().int().positive(),
    at: z.string(),
    overall: z.number(),
    decision: z.enum(['proceed', 'revise', 'needs-human']),
    reasons: z.array(z.string()),
    summary: z.string(),
    model: z.string(),
    dimensions: z.array(DimensionView),
    findings: z.array(FindingView),
  })
  .strict();
export type RoundView = z.infer<typeof RoundView>;

export const ReviewSnapshot = z
  .object({
    slug: z.string(),
    specUri: z.string(),
    title: z.string(),
    thresholds: z.object({ proceed: z.number(), revise: z.number() }).strict(),
    /** The spec changed since the last round read it: the scores are of an older text. */
    stale: z.boolean(),
    /** Oldest first; the last is the review in force. */
    rounds: z.array(RoundView).min(1),
  })
  .strict();
export type ReviewSnapshot = z.infer<typeof ReviewSnapshot>;

export const ReviewViewUpdate = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('review'), review: ReviewSnapshot }).strict(),
  /** No review.json yet. */
  z.object({ kind: z.literal('none'), slug: z.string(), specUri: z.string(), message: z.string() }).strict(),
  z.object({ kind: z.literal('error'), slug: z.string(), specUri: z.string(), path: z.string(), message: z.string() }).strict(),
]);
export type ReviewViewUpdate = z.infer<typeof ReviewViewUpdate>;

export const ReviewViewProtocol = definePanelProtocol('review-view', {
  requests: {
    /** Shows spec.md in the editor at this line. */
    reveal: { params: z.object({ line: z.number().int().positive() }).strict(), result: z.null() },
    openSpecView: { params: z.object({}).strict(), result: z.null() },
  },
  events: { update: ReviewViewUpdate },
  state: z.object({ specUri: z.string() }).strict(),
});
export type ReviewViewProtocol = typeof ReviewViewProtocol;
