import { createTwoFilesPatch } from 'diff';
import { Tracer } from '../llm/spans';
import { anchorLabel, openComments, readSpecComments, resolveComment, updateSpecComments, type SpecComment } from '../specs/comments';
import { mergeRevision } from '../specs/merge-revision';
import { printSpec } from '../specs/print-spec';
import { parseSpec } from '../specs/spec-file';
import { specHash } from '../specs/spec-hash';
import { PipelineEvent } from '../store/pipeline-events';
import { reviseSpec } from './architect';
import { DEFAULT_MAX_REVIEW_ROUNDS, reviewSpecAgain, type PipelineOutcome, type PipelineProgress } from './orchestrator';
import { PipelineRun } from './pipeline-run';
import type { PipelineLlm } from './pipeline-llm';
import { readSpecFile } from './spec-files';
import { withLock, type SpecFolder, type SpecWorkspace } from './spec-workspace';

export interface RefineInput {
  readonly workspace: SpecWorkspace;
  readonly llm: PipelineLlm;
  readonly slug: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: PipelineProgress) => void;
}

export interface RefineOutcome extends PipelineOutcome {
  /** Ids of the comments the Architect answered; they are resolved. */
  readonly answered: string[];
  /** Sections where a hand edit was kept over the Architect's change. */
  readonly conflicts: string[];
}

/** Refine was asked for a spec without open comments: there is nothing to send. */
export class NothingToRefineError extends Error {
  override readonly name = 'NothingToRefineError';
  constructor(readonly slug: string) {
    super(`spec "${slug}" has no open comments: add a comment for the Architect to answer first`);
  }
}

/** The words the Architect reads for one comment, as it reads a review finding. */
export function commentAsProblem(comment: SpecComment): string {
  const where = comment.anchor.kind === 'spec' ? 'The whole spec' : anchorLabel(comment.anchor);
  return `${where}: ${comment.body} (reviewer comment ${comment.id} by ${comment.author})`;
}

/**
 * Sends the spec's open comments to the Architect like review findings: the revise prompt, merged
 * into the file so hand edits survive, the diff logged as a revision, the comments resolved. Then the
 * spec is checked and reviewed again like any revision (completeness, review, threats when it passes).
 * Throws NothingToRefineError without open comments, SpecParseError for a spec.md a person broke
 * (never overwritten), and the model layer's errors (cancelled included) with the file untouched.
 */
export async function refineSpec(input: RefineInput): Promise<RefineOutcome> {
  const folder = input.workspace.open(input.slug);
  const revised = await withLock(folder, () => reviseForComments(input, folder));
  const outcome = await reviewSpecAgain(input);
  return { ...outcome, ...revised };
}

async function reviseForComments(input: RefineInput, folder: SpecFolder): Promise<Pick<RefineOutcome, 'answered' | 'conflicts'>> {
  const spec = await readSpecFile(folder);
  const comments = openComments(await readSpecComments(folder));
  if (comments.length === 0) throw new NothingToRefineError(folder.slug);
  const problems = comments.map(commentAsProblem);

  const now = (): Date => new Date((input.llm.now ?? Date.now)());
  const logged = await folder.readEvents();
  const events = logged.some((event) => event.type === 'pipeline-start') ? logged : [...logged, await adopt(folder, spec.frontmatter.task_id, spec.title, now())];
  const tracer = new Tracer(folder.events, { ...(input.llm.now ? { now: input.llm.now } : {}), ...(input.llm.onTraceError ? { onWriteError: input.llm.onTraceError } : {}) });
  const refines = events.filter((event) => event.type === 'span-start' && event.kind === 'run' && event.span.startsWith('refine-')).length;
  const span = tracer.startRun(`refine-${refines + 1}`, `refine spec "${spec.title}" from ${comments.length} comment${comments.length === 1 ? '' : 's'}`);
  const run = new PipelineRun({ ...input, folder, tracer, run: span, events });
  try {
    run.progress('refine', `The Architect is answering ${comments.length} comment${comments.length === 1 ? '' : 's'}`);
    run.checkCancelled();
    const context = await run.projectContext();
    await run.handoff('human', 'architect', 'review-findings', { artifacts: [{ path: 'spec.md', sha256: await specHash(spec.text) }, { path: 'comments.json' }], constraints: problems });
    const answer = await reviseSpec({ llm: input.llm, task: run.state.task, spec: spec.text, problems, projectContext: context.text, run: span, ...(input.signal ? { signal: input.signal } : {}) });
    const printed = printSpec(answer.value, { ...run.specMeta(spec.frontmatter.status), taskId: spec.frontmatter.task_id });
    // The editor does not take the lock: merge into spec.md as it is now, so edits made while the model answered survive too.
    const current = (await readSpecFile(folder)).text;
    const merged = mergeRevision({ base: (await folder.readBase()) ?? spec.text, current, revised: printed, path: folder.specPath });
    // The merge must leave a spec that parses; if it did not, the file on disk stays as it is.
    parseSpec(merged.text, folder.specPath);
    await folder.writeSpec(merged.text);
    await folder.writeBase(printed);
    await run.record({
      type: 'revision',
      cause: 'comments',
      round: run.state.round,
      spec_sha256: await specHash(merged.text),
      diff: createTwoFilesPatch('spec.md', 'spec.md', current, merged.text, 'before', 'after'),
      conflicts: merged.conflicts.map((conflict) => ({ section: conflict.section, line: conflict.line })),
      prompt: answer.prompt,
      provider: answer.provider,
      model: answer.model,
    });
    const answered = comments.map((comment) => comment.id);
    const at = now().toISOString();
    await updateSpecComments(folder, (file) => ({
      // A comment deleted while the model answered is simply gone.
      file: answered.reduce((next, id) => (next.comments.some((comment) => comment.id === id) ? resolveComment(next, id, { author: 'architect', at }) : next), file),
      result: undefined,
    }));
    span.end();
    return { answered, conflicts: merged.conflicts.map((conflict) => conflict.section) };
  } catch (error) {
    span.end({ error });
    throw error;
  } finally {
    await tracer.flush();
  }
}

/** A spec written by hand, without a pipeline log, gets one (as a review would start it): its title stands for the task. */
async function adopt(folder: SpecFolder, taskId: string, title: string, at: Date): Promise<PipelineEvent> {
  const start = PipelineEvent.parse({ type: 'pipeline-start', at: at.toISOString(), task_id: taskId, slug: folder.slug, task: title, max_review_rounds: DEFAULT_MAX_REVIEW_ROUNDS });
  await folder.events.append(start);
  return start;
}
