import { LlmError } from '../llm/provider';
import { Tracer } from '../llm/spans';
import { InvalidOutputError } from '../llm/structured/structured-chat';
import { PipelineEvent } from '../store/pipeline-events';
import { replay, type NextStep, type PipelinePhase } from '../store/replay';
import { PipelineRun, type PipelineProgress } from './pipeline-run';
import type { PipelineLlm } from './pipeline-llm';
import { STEPS } from './pipeline-steps';
import { readSpecFile, siblingPath } from './spec-files';
import { SpecNotFoundError, withLock, type SpecFolder, type SpecWorkspace } from './spec-workspace';

export type { PipelineProgress } from './pipeline-run';

/** Review rounds before a spec still below the bar goes to a human. */
export const DEFAULT_MAX_REVIEW_ROUNDS = 2;

export interface PipelineOutcome {
  slug: string;
  specPath: string;
  phase: PipelinePhase;
  nextStep: NextStep;
  reasons: string[];
  /** The last review's overall score. */
  overall?: number;
  /** Threats still open, of any risk. */
  openThreats?: number;
  /** Open high or critical threats: they block approval. */
  blockingThreats?: number;
  /** After a failure: the last spec written whole, and the model's answers that never validated. */
  keptDraft?: string;
  keptAnswers?: string;
}

interface PipelineOptions {
  workspace: SpecWorkspace;
  llm: PipelineLlm;
  signal?: AbortSignal;
  onProgress?: (progress: PipelineProgress) => void;
}

/**
 * From a one-line task to a spec awaiting approval: the Architect drafts, the completeness check
 * sends an incomplete draft back before any review, the Reviewer scores and the gate decides
 * (revise, at most `maxReviewRounds` rounds, or stop for a human), the Threat Modeler models the
 * threats. Every step is recorded in the spec's events.jsonl once its files are written.
 *
 * Ends in a known state (awaiting approval, needs a human, failed with the draft kept); throws on
 * cancellation, a spec.md a person broke (SpecParseError, never overwritten), no provider, or a
 * broken file in the folder, after recording the failure so that `resumeSpecPipeline` can retry.
 */
export async function runSpecPipeline(input: PipelineOptions & { task: string; maxReviewRounds?: number }): Promise<PipelineOutcome> {
  const task = input.task.trim();
  if (task === '') throw new RangeError('the task is empty: say in one line what the change should do');
  const folder = await input.workspace.create(task);
  const start: PipelineEvent = {
    type: 'pipeline-start',
    at: new Date((input.llm.now ?? Date.now)()).toISOString(),
    task_id: globalThis.crypto.randomUUID(),
    slug: folder.slug,
    task,
    max_review_rounds: input.maxReviewRounds ?? DEFAULT_MAX_REVIEW_ROUNDS,
  };
  return withLock(folder, async () => {
    await folder.events.append(start);
    return drive(input, folder, [start], true);
  });
}

/** Continues a spec's pipeline from the last step its log records as done; a finished one is returned as it is. */
export async function resumeSpecPipeline(input: PipelineOptions & { slug: string }): Promise<PipelineOutcome> {
  const folder = input.workspace.open(input.slug);
  return withLock(folder, async () => drive(input, folder, await pipelineLog(folder), false));
}

/**
 * Checks and reviews the spec as it is on disk again, after a person edited it (a spec stopped for
 * a human, or one whose review went stale): completeness, review, and the threat model when the
 * gate passes. Review rounds count on in review.json, so a spec past its rounds either passes or
 * stops for a human again. Setting the status back to in_review voids an approval. A spec written
 * by hand, with no log yet, is adopted: this starts its log.
 */
export async function reviewSpecAgain(input: PipelineOptions & { slug: string }): Promise<PipelineOutcome> {
  const folder = input.workspace.open(input.slug);
  return withLock(folder, async () => {
    const logged = await folder.readEvents();
    const events = logged.some((event) => event.type === 'pipeline-start') ? logged : [...logged, await adoptSpec(folder, input.llm)];
    const requested: PipelineEvent = { type: 'review-requested', at: new Date((input.llm.now ?? Date.now)()).toISOString() };
    await folder.events.append(requested);
    return drive(input, folder, [...events, requested], false);
  });
}

/** A spec written by hand, without a pipeline log, gets one: its title stands for the task. */
async function adoptSpec(folder: SpecFolder, llm: PipelineLlm): Promise<PipelineEvent> {
  const spec = await readSpecFile(folder);
  const start = PipelineEvent.parse({
    type: 'pipeline-start',
    at: new Date((llm.now ?? Date.now)()).toISOString(),
    task_id: spec.frontmatter.task_id,
    slug: folder.slug,
    task: spec.title,
    max_review_rounds: DEFAULT_MAX_REVIEW_ROUNDS,
  });
  await folder.events.append(start);
  return start;
}

/** The folder's events, checked to be a pipeline's log (ReplayError otherwise) before anything is appended to it. */
async function pipelineLog(folder: SpecFolder): Promise<PipelineEvent[]> {
  const events = await folder.readEvents();
  if (events.length === 0) throw new SpecNotFoundError(folder.slug, `no pipeline log: ${siblingPath(folder, 'events.jsonl')} is missing or empty`);
  replay(events);
  return events;
}

async function drive(input: PipelineOptions, folder: SpecFolder, events: PipelineEvent[], fresh: boolean): Promise<PipelineOutcome> {
  const tracer = new Tracer(folder.events, { ...(input.llm.now ? { now: input.llm.now } : {}), ...(input.llm.onTraceError ? { onWriteError: input.llm.onTraceError } : {}) });
  const runs = events.filter((event) => event.type === 'span-start' && event.kind === 'run').length;
  const state = replay(events);
  const span = tracer.startRun(`run-${runs + 1}`, `spec "${state.task}"`);
  const run = new PipelineRun({ ...input, folder, tracer, run: span, events });
  let outcome: PipelineOutcome | undefined;
  try {
    if (fresh) await run.handoff('human', 'architect', 'task', { constraints: [state.task] });
    for (let step = run.state.nextStep; step !== 'none'; step = run.state.nextStep) {
      run.checkCancelled();
      try {
        await STEPS[step](run);
      } catch (error) {
        outcome = await recordFailure(run, step, error);
        if (outcome) break;
        throw error;
      }
    }
    span.end();
  } catch (error) {
    span.end({ error });
    throw error;
  } finally {
    await tracer.flush();
  }
  const result = outcome ?? outcomeOf(run);
  input.onProgress?.({ step: 'done', message: `${result.phase}${result.reasons.length ? `: ${result.reasons.join('; ')}` : ''}` });
  return result;
}

/**
 * Records why a step failed. A model answer that never validated, or a budget the user would not
 * raise, ends the run as `failed` with the last good spec and the raw answers kept; anything else
 * (cancelled, no provider, a broken file) returns undefined and is thrown by the caller, except
 * that a cancellation is not recorded: the step simply runs again on resume.
 */
async function recordFailure(run: PipelineRun, step: Exclude<NextStep, 'none'>, error: unknown): Promise<PipelineOutcome | undefined> {
  if (error instanceof LlmError && error.kind === 'cancelled') return undefined;
  if (run.signal?.aborted) return undefined;
  const draft = (await run.folder.readSpec().catch(() => undefined)) !== undefined ? 'spec.md' : undefined;
  const answers = error instanceof InvalidOutputError ? await run.folder.keep(`${step}-answers.json`, `${JSON.stringify(error.answers, null, 2)}\n`) : undefined;
  const kind = error instanceof LlmError ? error.kind : error instanceof Error ? error.name : 'error';
  const message = error instanceof Error ? error.message : String(error);
  await run.record({ type: 'failure', step, kind, message, ...(draft ? { draft_path: draft } : {}), ...(answers ? { answers_path: answers.relative } : {}) });
  if (!(error instanceof InvalidOutputError) && !(error instanceof LlmError && error.kind === 'budget')) return undefined;
  return { ...outcomeOf(run), ...(draft ? { keptDraft: run.folder.specPath } : {}), ...(answers ? { keptAnswers: answers.path } : {}) };
}

function outcomeOf(run: PipelineRun): PipelineOutcome {
  const state = run.state;
  const review = run.latest('review');
  const threats = run.latest('threats');
  return {
    slug: run.folder.slug,
    specPath: run.folder.specPath,
    phase: state.phase,
    nextStep: state.nextStep,
    reasons: state.reasons,
    ...(review ? { overall: review.overall } : {}),
    ...(threats ? { openThreats: threats.open.low + threats.open.medium + threats.open.high + threats.open.critical, blockingThreats: threats.blocking } : {}),
  };
}
