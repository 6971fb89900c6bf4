import type { PipelineEvent, PipelineEventOf, PIPELINE_PHASES, PipelineStep } from './pipeline-events';

export type PipelinePhase = (typeof PIPELINE_PHASES)[number];
/** What the pipeline does next: a step, or nothing until a human acts. */
export type NextStep = PipelineStep | 'none';

/** Times an incomplete spec goes back to the Architect before a human is asked, per review round. */
export const COMPLETENESS_FIX_LIMIT = 2;

export interface SpecHistoryEntry {
  at: string;
  kind: string;
  text: string;
}

export interface ReplayedState {
  taskId: string;
  slug: string;
  /** The user's one-line task. */
  task: string;
  phase: PipelinePhase;
  /** Review rounds done. */
  round: number;
  maxReviewRounds: number;
  /** Completeness fixes since the last review (or the draft). */
  fixes: number;
  /** Why the pipeline is where it is: gate reasons, completeness problems, a failure, refusals. */
  reasons: string[];
  history: SpecHistoryEntry[];
  nextStep: NextStep;
  /** Hash of the spec the last step wrote. */
  specSha256?: string;
}

/** The log does not start with a pipeline-start event, so it cannot be replayed. */
export class ReplayError extends Error {
  override readonly name = 'ReplayError';
}

const WAITING: ReadonlySet<PipelinePhase> = new Set(['needs-human', 'awaiting-approval', 'approved', 'rejected']);

/** The spec's state and readable history, rebuilt from its events alone. */
export function replay(events: readonly PipelineEvent[]): ReplayedState {
  const start = events.find((event): event is PipelineEventOf<'pipeline-start'> => event.type === 'pipeline-start');
  if (!start) throw new ReplayError('the events log has no pipeline-start event: it was not written by a spec pipeline');
  const state: ReplayedState = {
    taskId: start.task_id,
    slug: start.slug,
    task: start.task,
    phase: 'drafting',
    round: 0,
    maxReviewRounds: start.max_review_rounds,
    fixes: 0,
    reasons: [],
    history: [],
    nextStep: 'draft',
  };
  const spans = new Map<string, string>();
  for (const event of events) {
    const text = apply(state, event, spans);
    if (text !== undefined) state.history.push({ at: event.at, kind: event.type, text });
  }
  return state;
}

function apply(state: ReplayedState, event: PipelineEvent, spans: Map<string, string>): string | undefined {
  const go = (phase: PipelinePhase, nextStep: NextStep, reasons: string[] = []): void => {
    state.phase = phase;
    state.nextStep = nextStep;
    state.reasons = reasons;
  };
  switch (event.type) {
    case 'span-start':
      spans.set(event.span, event.name);
      return undefined;
    case 'span-end': {
      const name = spans.get(event.span) ?? event.span;
      if (event.error) return `${name}: ${event.error.kind}: ${event.error.message}`;
      if (!event.call) return undefined;
      const { call } = event;
      return `${call.provider}/${call.model} answered (${call.prompt.id} v${call.prompt.version}): ${call.inputTokens} tokens in, ${call.outputTokens} out, ${(event.durationMs / 1000).toFixed(1)} s${call.cacheHit ? ', from the cache' : ''}`;
    }
    case 'pipeline-start':
      go('drafting', 'draft');
      return `started: "${event.task}"`;
    case 'handoff': {
      const { handoff } = event;
      const files = handoff.artifacts.map((artifact) => artifact.path).join(', ');
      return `handoff ${handoff.from} -> ${handoff.to} (${handoff.handoff_type})${files ? `: ${files}` : ''}`;
    }
    case 'draft':
      state.specSha256 = event.spec_sha256;
      go('checking', 'complete');
      return `Architect drafted spec.md (${event.prompt.id} v${event.prompt.version}, ${event.provider}/${event.model})`;
    case 'completeness':
      if (event.complete) {
        go('reviewing', 'review');
        return 'completeness check passed';
      } else {
        const problems = event.problems.map((problem) => `line ${problem.line}: ${problem.message}`);
        if (state.fixes < COMPLETENESS_FIX_LIMIT) go('revising', 'fix', problems);
        else go('needs-human', 'none', [`the spec is still incomplete after ${state.fixes} fixes by the Architect`, ...problems]);
        return `completeness check failed with ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.join('; ')}`;
      }
    case 'revision': {
      state.specSha256 = event.spec_sha256;
      if (event.cause === 'completeness') state.fixes++;
      go('checking', 'complete');
      const added = countLines(event.diff, '+');
      const removed = countLines(event.diff, '-');
      const kept = event.conflicts.length ? `; hand edits kept in ${event.conflicts.map((conflict) => conflict.section).join(', ')}` : '';
      const why = event.cause === 'completeness' ? 'for the completeness check' : event.cause === 'comments' ? 'from your comments' : `for review round ${event.round}`;
      return `Architect revised the spec ${why}: +${added} -${removed} lines${kept}`;
    }
    case 'review':
      state.round = event.round;
      state.fixes = 0;
      if (event.decision === 'proceed') go('threat-modeling', 'threats', event.reasons);
      else if (event.decision === 'revise' && event.round < state.maxReviewRounds) go('revising', 'revise', event.reasons);
      else go('needs-human', 'none', event.reasons);
      return `review round ${event.round}: overall ${event.overall}, ${event.decision}, ${event.findings} finding${event.findings === 1 ? '' : 's'}${event.reasons.length ? ` (${event.reasons.join('; ')})` : ''}`;
    case 'threats': {
      const blocking = event.blocking ? `${event.blocking} blocking (open high or critical)` : 'none blocking';
      go('awaiting-approval', 'none', event.blocking ? [`${event.blocking} open high or critical threat${event.blocking === 1 ? '' : 's'}`] : []);
      return `threat model: ${event.total} threat${event.total === 1 ? '' : 's'}, ${blocking}`;
    }
    case 'review-requested':
      state.fixes = 0;
      go('checking', 'complete');
      return 'a new review was requested';
    case 'phase':
      go(event.phase, WAITING.has(event.phase) ? 'none' : state.nextStep, event.reasons);
      return `phase ${event.phase}${event.reasons.length ? `: ${event.reasons.join('; ')}` : ''}`;
    case 'approval':
      go('approved', 'none');
      return `approved by ${event.by}`;
    case 'approval-voided':
      go('awaiting-approval', 'none', [event.reason]);
      return `approval by ${event.by} void: ${event.reason}`;
    case 'refusal':
      state.reasons = event.reasons;
      return `approval by ${event.by} refused: ${event.reasons.join('; ')}`;
    case 'changes-requested': {
      const comments = event.comments.map((comment) => `${comment.id}: ${comment.body}`);
      go('needs-human', 'none', comments.map((comment) => `changes requested by ${event.by} (${comment})`));
      return `changes requested by ${event.by}: ${comments.join('; ')}`;
    }
    case 'threat-verdict':
      return `${event.by} set threat ${event.threat} ${event.from} -> ${event.to}${event.reason ? ` (${event.reason})` : ''}`;
    case 'failure': {
      go('failed', event.step, [event.message]);
      const kept = event.draft_path ? ` (last good spec kept: ${event.draft_path})` : '';
      return `failed at ${event.step}: ${event.message}${kept}`;
    }
  }
}

function countLines(diff: string, sign: '+' | '-'): number {
  return diff.split('\n').filter((line) => line.startsWith(sign) && !line.startsWith(sign.repeat(3))).length;
}
