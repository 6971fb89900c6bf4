import { z } from 'zod';
import { DesignReview } from '../schemas/design-review';
import { GATE_DECISIONS, type GateDecision, gateDecision, overallScore } from './gate';
import { InvalidFileError, parseFile } from '../schemas/invalid-file';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256: 64 lower-case hex digits');
const isoTime = z.iso.datetime({ offset: true });

/** One review of one version of the spec, with what the gate made of it. */
export const ReviewRound = z.object({
  round: z.number().int().min(1),
  at: isoTime,
  spec_sha256: sha256,
  dimensions: DesignReview.shape.dimensions,
  findings: DesignReview.shape.findings,
  summary: DesignReview.shape.summary,
  overall: z.number().min(0).max(10),
  decision: z.enum(GATE_DECISIONS),
  reasons: z.array(z.string()),
  provider: z.string().min(1),
  model: z.string().min(1),
  prompt: z.object({ id: z.string().min(1), version: z.number().int().positive() }),
});
export type ReviewRound = z.infer<typeof ReviewRound>;

/** What the caller knows about a round; its number, overall score, decision and reasons are computed. */
export type ReviewRoundInput = Omit<ReviewRound, 'round' | 'overall' | 'decision' | 'reasons'>;

/**
 * `review.json`: the latest decision up front, every round behind it. The top-level fields repeat the
 * last round's, and the check below keeps a hand edit from making them disagree.
 */
export const ReviewRecord = z
  .object({
    version: z.literal(1),
    spec_sha256: sha256,
    decision: z.enum(GATE_DECISIONS),
    overall: z.number().min(0).max(10),
    reasons: z.array(z.string()),
    rounds: z.array(ReviewRound).min(1),
  })
  .superRefine((record, context) => {
    record.rounds.forEach((round, index) => {
      if (round.round !== index + 1) context.addIssue({ code: 'custom', path: ['rounds', index, 'round'], message: `round ${index + 1} is numbered ${round.round}` });
      if (round.overall !== overallScore(round.dimensions)) {
        context.addIssue({ code: 'custom', path: ['rounds', index, 'overall'], message: `round ${index + 1} says overall ${round.overall} but its scores average ${overallScore(round.dimensions)}` });
      }
    });
    const last = record.rounds.at(-1);
    if (!last) return;
    for (const key of ['spec_sha256', 'decision', 'overall'] as const) {
      if (record[key] !== last[key]) context.addIssue({ code: 'custom', path: [key], message: `${key} must repeat the last round's (${String(last[key])})` });
    }
  });
export type ReviewRecord = z.infer<typeof ReviewRecord>;

/** review.json failed validation: names the file and each bad field. */
export class InvalidReviewRecordError extends InvalidFileError {
  override readonly name = 'InvalidReviewRecordError';
  constructor(path: string, problems: readonly string[]) {
    super(path, 'review record', problems);
  }
}

export function parseReviewRecord(value: unknown, path: string): ReviewRecord {
  return parseFile(ReviewRecord, value, (problems) => new InvalidReviewRecordError(path, problems));
}

/** Adds the next review round and decides the gate for it; rounds count on across revisions of the spec. */
export function appendRound(previous: ReviewRecord | undefined, input: ReviewRoundInput, maxRounds: number): ReviewRecord {
  const number = (previous?.rounds.length ?? 0) + 1;
  const overall = overallScore(input.dimensions);
  const { decision, reasons } = gateDecision({ overall, round: number, maxRounds, dimensions: input.dimensions });
  const round: ReviewRound = { ...input, round: number, overall, decision, reasons };
  return ReviewRecord.parse({
    version: 1,
    spec_sha256: input.spec_sha256,
    decision,
    overall,
    reasons,
    rounds: [...(previous?.rounds ?? []), round],
  });
}

export type ReviewState =
  | { kind: 'none' }
  | { kind: 'stale'; reviewedSha256: string; decision: GateDecision }
  | { kind: 'current'; decision: GateDecision; overall: number; reasons?: string[] };

/** A review counts only for the spec text it read: any later change makes it stale. */
export function reviewState(record: ReviewRecord | undefined, currentSha256: string): ReviewState {
  if (!record) return { kind: 'none' };
  if (record.spec_sha256 !== currentSha256) return { kind: 'stale', reviewedSha256: record.spec_sha256, decision: record.decision };
  return { kind: 'current', decision: record.decision, overall: record.overall, reasons: record.reasons };
}
