import { z } from 'zod';
import { SpanEndEvent, SpanStartEvent } from '../llm/spans-schema';
import { THREAT_STATUSES } from '../threats/threats-file';
import { Handoff } from './handoff';
import { jsonLines } from './json-lines';

// Every line of .omni/specs/<slug>/events.jsonl: the model layer's spans plus the pipeline's own
// steps. The steps are what `replay` rebuilds the spec's state from, so each one is appended only
// once the step's files are written.

const at = z.iso.datetime();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const reasons = z.array(z.string());
const promptRef = z.object({ id: z.string().min(1), version: z.number().int().positive() }).strict();

export const PIPELINE_STEPS = ['draft', 'complete', 'fix', 'review', 'revise', 'threats'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export const PIPELINE_PHASES = ['drafting', 'checking', 'reviewing', 'revising', 'threat-modeling', 'awaiting-approval', 'needs-human', 'approved', 'rejected', 'failed'] as const;

const PipelineStart = z
  .object({ type: z.literal('pipeline-start'), at, task_id: z.guid(), slug: z.string().min(1), task: z.string().min(1), max_review_rounds: z.number().int().positive() })
  .strict();

const HandoffEvent = z.object({ type: z.literal('handoff'), at, handoff: Handoff }).strict();

/** The model that answered and the prompt that asked, for the record of an agent's turn. */
const answeredBy = { prompt: promptRef, provider: z.string().min(1), model: z.string().min(1) };

const DraftEvent = z.object({ type: z.literal('draft'), at, spec_sha256: sha256, ...answeredBy }).strict();

const CompletenessEvent = z
  .object({
    type: z.literal('completeness'),
    at,
    spec_sha256: sha256,
    complete: z.boolean(),
    problems: z.array(z.object({ item: z.string(), line: z.number().int().nonnegative(), message: z.string() }).strict()),
  })
  .strict();

const ReviewEvent = z
  .object({
    type: z.literal('review'),
    at,
    round: z.number().int().positive(),
    spec_sha256: sha256,
    overall: z.number(),
    decision: z.enum(['proceed', 'revise', 'needs-human']),
    reasons,
    findings: z.number().int().nonnegative(),
    ...answeredBy,
  })
  .strict();

/** The Architect's revision as merged into the file, with the unified diff of what it changed on disk. */
const RevisionEvent = z
  .object({
    type: z.literal('revision'),
    at,
    /** What it answers: the completeness check, a review's findings, or a person's comments (Refine). */
    cause: z.enum(['completeness', 'review', 'comments']),
    /** The review round it follows; 0 before any review. */
    round: z.number().int().nonnegative(),
    spec_sha256: sha256,
    diff: z.string(),
    /** Sections where a hand edit was kept over the Architect's change. */
    conflicts: z.array(z.object({ section: z.string(), line: z.number().int().nonnegative() }).strict()),
    ...answeredBy,
  })
  .strict();

const riskCounts = z.object({ low: z.number().int().nonnegative(), medium: z.number().int().nonnegative(), high: z.number().int().nonnegative(), critical: z.number().int().nonnegative() }).strict();

const ThreatsEvent = z
  .object({ type: z.literal('threats'), at, spec_sha256: sha256, total: z.number().int().nonnegative(), open: riskCounts, blocking: z.number().int().nonnegative(), ...answeredBy })
  .strict();

/** A person asked for the spec as it is on disk to be checked and reviewed again (after editing it). */
const ReviewRequestedEvent = z.object({ type: z.literal('review-requested'), at }).strict();

const PhaseEvent = z.object({ type: z.literal('phase'), at, phase: z.enum(PIPELINE_PHASES), reasons }).strict();

const ApprovalEvent = z.object({ type: z.literal('approval'), at, by: z.string().min(1), spec_sha256: sha256 }).strict();
const ApprovalVoidedEvent = z.object({ type: z.literal('approval-voided'), at, by: z.string().min(1), reason: z.string().min(1) }).strict();
const RefusalEvent = z.object({ type: z.literal('refusal'), at, by: z.string().min(1), reasons }).strict();

/** A person sent the spec back with comments (kept open in comments.json for Refine). */
const ChangesRequestedEvent = z
  .object({ type: z.literal('changes-requested'), at, by: z.string().min(1), comments: z.array(z.object({ id: z.string().min(1), body: z.string().min(1) }).strict()).min(1) })
  .strict();

const threatStatus = z.enum(THREAT_STATUSES);
/** A person's verdict on one threat (mitigated, accepted, not applicable): who took the risk, and why. */
const ThreatVerdictEvent = z
  .object({ type: z.literal('threat-verdict'), at, by: z.string().min(1), threat: z.string().min(1), from: threatStatus, to: threatStatus, reason: z.string().optional() })
  .strict();

/** A step that could not finish; the step runs again on resume. */
const FailureEvent = z
  .object({
    type: z.literal('failure'),
    at,
    step: z.enum(PIPELINE_STEPS),
    kind: z.string().min(1),
    message: z.string(),
    /** The last spec that was written whole (relative to the spec's folder), when there is one. */
    draft_path: z.string().optional(),
    /** The model's answers that never validated, kept for the user to read. */
    answers_path: z.string().optional(),
  })
  .strict();

export const PipelineEvent = z.discriminatedUnion('type', [
  SpanStartEvent,
  SpanEndEvent,
  PipelineStart,
  HandoffEvent,
  DraftEvent,
  CompletenessEvent,
  ReviewEvent,
  RevisionEvent,
  ThreatsEvent,
  ReviewRequestedEvent,
  PhaseEvent,
  ApprovalEvent,
  ApprovalVoidedEvent,
  RefusalEvent,
  ChangesRequestedEvent,
  ThreatVerdictEvent,
  FailureEvent,
]);
export type PipelineEvent = z.infer<typeof PipelineEvent>;
export type PipelineEventOf<K extends PipelineEvent['type']> = Extract<PipelineEvent, { type: K }>;

/** A line of events.jsonl that is not a valid event; names the file and the one-based line. */
export class EventsLogError extends Error {
  override readonly name = 'EventsLogError';
  constructor(
    readonly path: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${path}:${line}: ${problem}`);
  }
}

/**
 * Parses and validates every line. A bad line throws EventsLogError, since a state rebuilt around a
 * hole would be wrong; the one exception is a last line without its newline that is not JSON: the
 * append a crash cut short, which is skipped.
 */
export function parsePipelineLog(text: string, path: string): PipelineEvent[] {
  const events: PipelineEvent[] = [];
  for (const entry of jsonLines(text)) {
    if (!entry.json) {
      if (entry.last) continue;
      throw new EventsLogError(path, entry.line, 'not a JSON line');
    }
    const parsed = PipelineEvent.safeParse(entry.value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`).join('; ');
      throw new EventsLogError(path, entry.line, `invalid event: ${issues}`);
    }
    events.push(parsed.data);
  }
  return events;
}
