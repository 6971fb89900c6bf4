import { z } from 'zod';

/** Who hands work to whom: the agents, the deterministic checks between them, and the human who approves. */
export const HANDOFF_PARTIES = ['human', 'architect', 'completeness', 'reviewer', 'threatModeler'] as const;
export type HandoffParty = (typeof HANDOFF_PARTIES)[number];

export const HANDOFF_TYPES = ['task', 'draft', 'completeness-problems', 'review-findings', 'spec-for-review', 'spec-for-threat-model', 'needs-human', 'spec-for-approval'] as const;
export type HandoffType = (typeof HANDOFF_TYPES)[number];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex');

/** The seed protocol's handoff message: one per passage of work between two parties, appended to events.jsonl. */
export const Handoff = z
  .object({
    task_id: z.guid(),
    from: z.enum(HANDOFF_PARTIES),
    to: z.enum(HANDOFF_PARTIES),
    handoff_type: z.enum(HANDOFF_TYPES),
    /** Files handed over, relative to the spec's folder; spec.md with the hash (specHash) of the text handed over. */
    artifacts: z.array(z.object({ path: z.string().min(1), sha256: sha256.optional() }).strict()),
    /** What the receiver must respect: findings to fix, problems to address, the round limit. */
    constraints: z.array(z.string()),
    /** What the receiver may read for context: steering files, the README, other specs. */
    context_refs: z.array(z.string()),
  })
  .strict();
export type Handoff = z.infer<typeof Handoff>;
