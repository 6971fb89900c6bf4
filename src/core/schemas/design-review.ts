import { z } from 'zod';
import { defineOutputSchema } from './output-schema';

/** The ten dimensions every design review scores, in the order the review shows them. */
export const DESIGN_DIMENSIONS = [
  'separationOfConcerns',
  'coupling',
  'extensibility',
  'failureModes',
  'dataFlow',
  'resourceManagement',
  'concurrency',
  'backwardCompatibility',
  'testability',
  'operationalReadiness',
] as const;
export type DesignDimension = (typeof DESIGN_DIMENSIONS)[number];

const DimensionScore = z.object({
  // Reviewers, human or model, give half points ("7.5"); the gate works on the mean either way.
  score: z.number().min(0).max(10),
  rationale: z.string().trim().min(1),
});

const Finding = z.object({
  dimension: z.enum(DESIGN_DIMENSIONS),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  title: z.string().trim().min(1),
  detail: z.string().trim().min(1),
  /** Which requirement or section the finding is about (`R3`, `Rollback Plan`). */
  location: z.string().trim().min(1),
  suggestion: z.string().trim().min(1),
});

/**
 * What the Reviewer returns. The overall score and the gate decision are computed in code from the
 * dimension scores, never taken from the model.
 */
export const DesignReview = z.object({
  dimensions: z.object(Object.fromEntries(DESIGN_DIMENSIONS.map((dimension) => [dimension, DimensionScore])) as Record<DesignDimension, typeof DimensionScore>),
  findings: z.array(Finding),
  summary: z.string().trim().min(1),
});
export type DesignReview = z.infer<typeof DesignReview>;

export const designReviewOutput = defineOutputSchema('design-review', "the Reviewer's ten-dimension design review", DesignReview);
