import { z } from 'zod';
import { defineOutputSchema } from './output-schema';

const text = z.string().trim().min(1);

const FunctionalRequirement = z.object({
  id: z.string().regex(/^R[1-9][0-9]*$/, 'requirement ids are R1, R2, ...'),
  statement: text,
  acceptanceCriteria: z.array(text).min(1).describe('testable conditions; each one can be checked by a test'),
});

/** What the Architect returns; the spec file (frontmatter + fixed sections) is printed from it. */
export const SpecDraft = z.object({
  title: text,
  summary: text,
  complexity: z.enum(['low', 'medium', 'high', 'critical']),
  estimatedFiles: z.number().int().min(0),
  estimatedTestCoverage: z.number().min(0).max(100).describe('percent of the new code the tests should cover'),
  riskAssessment: text,
  requiresMigration: z.boolean(),
  breakingChanges: z.boolean(),
  requirements: z.object({
    functional: z.array(FunctionalRequirement).min(1),
    nonFunctional: z.array(text),
  }),
  constraints: text,
  dataModels: text,
  apiContracts: text,
  errorTaxonomy: text,
  securityConsiderations: text,
  testingStrategy: text,
  architectureDecision: text,
  dependencies: text,
  rollbackPlan: text,
});
export type SpecDraft = z.infer<typeof SpecDraft>;

export const specDraftOutput = defineOutputSchema('spec-draft', "the Architect's specification draft", SpecDraft);
