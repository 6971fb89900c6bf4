import { createTwoFilesPatch } from 'diff';
import { appendRound } from '../review/review-record';
import type { RISK_LEVELS } from '../schemas/threat-model';
import { checkCompleteness } from '../specs/completeness';
import { setFrontmatter } from '../specs/edit-frontmatter';
import { mergeRevision } from '../specs/merge-revision';
import { printSpec } from '../specs/print-spec';
import { parseSpec, type SpecFile } from '../specs/spec-file';
import type { SpecStatus } from '../specs/spec-frontmatter';
import { specHash } from '../specs/spec-hash';
import type { PipelineStep } from '../store/pipeline-events';
import { blockingThreats, threatsFromModel } from '../threats/threats-file';
import { draftSpec, reviseSpec } from './architect';
import type { PipelineRun } from './pipeline-run';
import { modelThreats } from './threat-modeler';
import { reviewSpec } from './reviewer';
import { readReview, readSpecFile, readThreats } from './spec-files';

/** What each step does; the orchestrator runs them in the order `replay` says. */
export const STEPS: Readonly<Record<PipelineStep, (run: PipelineRun) => Promise<void>>> = {
  draft,
  complete,
  fix: (run) => revise(run, 'completeness'),
  review,
  revise: (run) => revise(run, 'review'),
  threats,
};

async function draft(run: PipelineRun): Promise<void> {
  run.progress('draft', 'The Architect is drafting the spec');
  const existing = await run.folder.readSpec();
  // A spec.md from a run that crashed before its draft was recorded is replaced, unless a person broke it: that one is never overwritten.
  if (existing !== undefined) parseSpec(existing, run.folder.specPath);
  const context = await run.projectContext();
  const answer = await draftSpec({ llm: run.llm, task: run.state.task, projectContext: context.text, run: run.run, ...signal(run) });
  const text = printSpec(answer.value, run.specMeta('draft'));
  parseSpec(text, run.folder.specPath);
  await run.folder.writeSpec(text);
  await run.folder.writeBase(text);
  const sha = await specHash(text);
  await run.record({ type: 'draft', spec_sha256: sha, prompt: answer.prompt, provider: answer.provider, model: answer.model });
  await run.handoff('architect', 'completeness', 'draft', { artifacts: [{ path: 'spec.md', sha256: sha }], context_refs: [...context.refs] });
}

async function complete(run: PipelineRun): Promise<void> {
  run.progress('complete', 'Checking the spec for completeness');
  const spec = await readSpecFile(run.folder);
  const sha = await specHash(spec.text);
  const report = checkCompleteness(spec);
  const problems = report.items
    .filter((item) => !item.passed)
    .flatMap((item) => (item.problems.length ? item.problems.map((problem) => ({ item: item.id, line: problem.line, message: `${item.title}: ${problem.message}` })) : [{ item: item.id, line: 0, message: item.title }]));
  await run.record({ type: 'completeness', spec_sha256: sha, complete: report.complete, problems });
  const artifacts = [{ path: 'spec.md', sha256: sha }];
  const { nextStep, reasons } = run.state;
  if (report.complete) await run.handoff('completeness', 'reviewer', 'spec-for-review', { artifacts });
  else if (nextStep === 'fix') await run.handoff('completeness', 'architect', 'completeness-problems', { artifacts, constraints: reasons });
  else await stopForHuman(run, spec, reasons, 'completeness');
}

async function review(run: PipelineRun): Promise<void> {
  run.progress('review', `The Reviewer is reviewing the spec (round ${run.state.round + 1} of at most ${run.state.maxReviewRounds})`);
  const spec = await withStatus(run, await readSpecFile(run.folder), 'in_review');
  const previous = await readReview(run.folder);
  const context = await run.projectContext();
  const answer = await reviewSpec({ llm: run.llm, spec: spec.text, projectContext: context.text, run: run.run, ...signal(run) });
  const sha = await specHash(spec.text);
  const { dimensions, findings, summary } = answer.value;
  const record = appendRound(
    previous,
    { at: run.now().toISOString(), spec_sha256: sha, dimensions, findings, summary, provider: answer.provider, model: answer.model, prompt: answer.prompt },
    run.state.maxReviewRounds,
  );
  await run.folder.writeJson('review.json', record);
  await run.record({
    type: 'review',
    round: record.rounds.length,
    spec_sha256: sha,
    overall: record.overall,
    decision: record.decision,
    reasons: record.reasons,
    findings: findings.length,
    prompt: answer.prompt,
    provider: answer.provider,
    model: answer.model,
  });
  const artifacts = [{ path: 'spec.md', sha256: sha }, { path: 'review.json' }];
  const { nextStep, reasons } = run.state;
  if (nextStep === 'threats') await run.handoff('reviewer', 'threatModeler', 'spec-for-threat-model', { artifacts });
  else if (nextStep === 'revise') await run.handoff('reviewer', 'architect', 'review-findings', { artifacts, constraints: findings.map((finding) => finding.title) });
  else await stopForHuman(run, spec, reasons, 'reviewer');
}

/** The Architect revises the spec on disk for the completeness problems or the last review's findings; hand edits are kept by the merge. */
async function revise(run: PipelineRun, cause: 'completeness' | 'review'): Promise<void> {
  const { round } = run.state;
  run.progress(cause === 'completeness' ? 'fix' : 'revise', cause === 'completeness' ? 'The Architect is completing the spec' : `The Architect is revising the spec for review round ${round}`);
  const spec = await readSpecFile(run.folder);
  const problems = cause === 'completeness' ? completenessProblems(run) : reviewProblems(await readReview(run.folder));
  const context = await run.projectContext();
  const answer = await reviseSpec({ llm: run.llm, task: run.state.task, spec: spec.text, problems, projectContext: context.text, run: run.run, ...signal(run) });
  const revised = printSpec(answer.value, { ...run.specMeta(spec.frontmatter.status), taskId: spec.frontmatter.task_id });
  const merged = mergeRevision({ base: (await run.folder.readBase()) ?? spec.text, current: spec.text, revised });
  // The merge must leave a spec that parses; if it did not, the file on disk stays as it is.
  parseSpec(merged.text, run.folder.specPath);
  await run.folder.writeSpec(merged.text);
  await run.folder.writeBase(revised);
  const sha = await specHash(merged.text);
  await run.record({
    type: 'revision',
    cause,
    round,
    spec_sha256: sha,
    diff: createTwoFilesPatch('spec.md', 'spec.md', spec.text, merged.text, 'before', 'after'),
    conflicts: merged.conflicts.map((conflict) => ({ section: conflict.section, line: conflict.line })),
    prompt: answer.prompt,
    provider: answer.provider,
    model: answer.model,
  });
  await run.handoff('architect', 'completeness', 'draft', { artifacts: [{ path: 'spec.md', sha256: sha }], constraints: problems });
}

async function threats(run: PipelineRun): Promise<void> {
  run.progress('threats', 'The Threat Modeler is modelling threats');
  const spec = await readSpecFile(run.folder);
  const previous = await readThreats(run.folder);
  const context = await run.projectContext();
  const answer = await modelThreats({ llm: run.llm, spec: spec.text, projectContext: context.text, run: run.run, ...signal(run) });
  const sha = await specHash(spec.text);
  const file = threatsFromModel(answer.value, { specSha256: sha, at: run.now(), ...(previous ? { previous } : {}) });
  await run.folder.writeJson('threats.json', file);
  const open: Record<(typeof RISK_LEVELS)[number], number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const threat of file.threats) if (threat.status === 'open') open[threat.risk]++;
  const blocking = blockingThreats(file).length;
  await run.record({ type: 'threats', spec_sha256: sha, total: file.threats.length, open, blocking, prompt: answer.prompt, provider: answer.provider, model: answer.model });
  await run.handoff('threatModeler', 'human', 'spec-for-approval', {
    artifacts: [{ path: 'spec.md', sha256: sha }, { path: 'review.json' }, { path: 'threats.json' }],
    constraints: blocking ? [`${blocking} open high or critical threats block approval until mitigated or accepted with a reason`] : [],
  });
}

/**
 * The pipeline stops for a person: the spec's status becomes `changes_requested` (the user edits
 * it, then reviews again), and the reasons go to the human with the handoff.
 */
async function stopForHuman(run: PipelineRun, spec: SpecFile, reasons: string[], from: 'completeness' | 'reviewer'): Promise<void> {
  const updated = await withStatus(run, spec, 'changes_requested');
  await run.handoff(from, 'human', 'needs-human', { artifacts: [{ path: 'spec.md', sha256: await specHash(updated.text) }], constraints: reasons });
}

/** Sets the frontmatter status (outside the spec's hash, so reviews stay current). */
async function withStatus(run: PipelineRun, spec: SpecFile, status: SpecStatus): Promise<SpecFile> {
  if (spec.frontmatter.status === status) return spec;
  const text = setFrontmatter(spec.text, { status }, spec.path);
  await run.folder.writeSpec(text);
  return parseSpec(text, spec.path);
}

/** After a fix that did not work, the Architect is told so: the same question again would get the same answer. */
function completenessProblems(run: PipelineRun): string[] {
  const { reasons, fixes } = run.state;
  return fixes === 0 ? reasons : reasons.map((reason) => `${reason} (still open after your revision ${fixes})`);
}

function reviewProblems(record: Awaited<ReturnType<typeof readReview>>): string[] {
  const last = record?.rounds.at(-1);
  if (!last) return [];
  const findings = last.findings.map((finding) => `${finding.location}: [${finding.severity}, ${finding.dimension}] ${finding.title}. ${finding.detail} Suggested change: ${finding.suggestion}`);
  const low = Object.entries(last.dimensions)
    .filter(([, score]) => score.score < 8)
    .map(([dimension, score]) => `${dimension} scored ${score.score}/10: ${score.rationale}`);
  return [...findings, ...low];
}

function signal(run: PipelineRun): { signal?: AbortSignal } {
  return run.signal ? { signal: run.signal } : {};
}
