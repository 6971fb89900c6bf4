import { z } from 'zod';

export const SPEC_STATUSES = ['draft', 'in_review', 'changes_requested', 'approved', 'rejected', 'implementing', 'done'] as const;
export type SpecStatus = (typeof SPEC_STATUSES)[number];

/** Who approved the spec, when, and the hash of the text they approved (see specHash). */
export const SpecApproval = z.object({
  by: z.string().trim().min(1),
  at: z.iso.datetime({ offset: true }),
  spec_sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits'),
});
export type SpecApproval = z.infer<typeof SpecApproval>;

const providerModel = z.string().regex(/^[^/\s]+\/\S+$/, 'expected "provider/model"');

/** The spec's YAML frontmatter; keys this schema does not know are kept as written. */
export const SpecFrontmatter = z.looseObject({
  // A GUID shape rather than RFC 4122 variants, so a hand-written id is not refused over its version digit.
  task_id: z.guid(),
  title: z.string().trim().min(1),
  status: z.enum(SPEC_STATUSES),
  complexity: z.enum(['low', 'medium', 'high', 'critical']),
  estimated_files: z.number().int().min(0),
  estimated_test_coverage: z.number().min(0).max(100),
  risk_assessment: z.string().trim().min(1),
  requires_migration: z.boolean(),
  breaking_changes: z.boolean(),
  approval: SpecApproval.optional(),
  models: z.record(z.string(), providerModel).optional(),
  prompt_versions: z.record(z.string(), z.number().int().min(1)).optional(),
});
export type SpecFrontmatter = z.infer<typeof SpecFrontmatter>;
