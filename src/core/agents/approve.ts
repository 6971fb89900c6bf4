import { approvalRefusals } from '../review/approval-gate';
import type { GateDecision } from '../review/gate';
import { reviewState } from '../review/review-record';
import type { RISK_LEVELS } from '../schemas/threat-model';
import { approvalState, withApproval, type ApprovalState } from '../specs/approval';
import { checkCompleteness } from '../specs/completeness';
import { setFrontmatter } from '../specs/edit-frontmatter';
import { specHash } from '../specs/spec-hash';
import { blockingThreats } from '../threats/threats-file';
import { EventsLogError } from '../store/pipeline-events';
import { replay, ReplayError, type NextStep, type PipelinePhase } from '../store/replay';
import { readSpecFile, readSpecFiles } from './spec-files';
import { withLock, type SpecFolder, type SpecWorkspace } from './spec-workspace';

export type ApprovalResult = { approved: true; specSha256: string } | { approved: false; reasons: string[] };

/**
 * The one approval path of the CLI and the editor. The spec must parse and be complete, its review
 * must be current and passed, and no high or critical threat may be open; then the approval (who,
 * when, the spec's hash) is written into the frontmatter and the log. A refusal is logged with its
 * reasons. A previous approval that an edit voided is logged as void first.
 */
export async function approveSpec(input: { workspace: SpecWorkspace; slug: string; by: string; at: Date }): Promise<ApprovalResult> {
  const folder = input.workspace.open(input.slug);
  return withLock(folder, () => approveLocked(folder, input));
}

async function approveLocked(folder: SpecFolder, input: { by: string; at: Date }): Promise<ApprovalResult> {
  const { spec, review, threats } = await readSpecFiles(folder);
  const at = input.at.toISOString();
  const previous = await approvalState(spec);
  if (previous.kind === 'void') await noteVoided(folder, previous, at);
  const sha = await specHash(spec.text);
  const reasons = approvalRefusals({ completeness: checkCompleteness(spec), review: reviewState(review, sha), threats, specSha256: sha });
  if (reasons.length > 0) {
    await folder.events.append({ type: 'refusal', at, by: input.by, reasons });
    return { approved: false, reasons };
  }
  await folder.writeSpec(await withApproval(spec.text, { by: input.by, at: input.at }, spec.path));
  await folder.events.append({ type: 'approval', at, by: input.by, spec_sha256: sha });
  return { approved: true, specSha256: sha };
}

/** A person turns the spec down: its status becomes `rejected` and the log says who and why. Nothing runs on it afterwards. */
export async function rejectSpec(input: { workspace: SpecWorkspace; slug: string; by: string; at: Date; reason: string }): Promise<void> {
  const reason = input.reason.trim();
  if (reason === '') throw new RangeError('say why the spec is rejected');
  const folder = input.workspace.open(input.slug);
  await withLock(folder, async () => {
    const spec = await readSpecFile(folder);
    await folder.writeSpec(setFrontmatter(spec.text, { status: 'rejected' }, spec.path));
    await folder.events.append({ type: 'phase', at: input.at.toISOString(), phase: 'rejected', reasons: [`rejected by ${input.by}: ${reason}`] });
  });
}

/** Logs a voided approval once, so that the history says when it stopped counting. */
async function noteVoided(folder: SpecFolder, approval: Extract<ApprovalState, { kind: 'void' }>, at: string): Promise<void> {
  const events = await folder.readEvents();
  const last = events.findLast((event) => event.type === 'approval' || event.type === 'approval-voided');
  if (last?.type === 'approval-voided') return;
  await folder.events.append({ type: 'approval-voided', at, by: approval.by, reason: approval.reason });
}

export type RiskCounts = Record<(typeof RISK_LEVELS)[number], number>;

export interface SpecSummary {
  slug: string;
  specPath: string;
  title?: string;
  /** Where the pipeline stands; `approved` only while the approval is valid. */
  phase: PipelinePhase;
  nextStep: NextStep;
  reasons: string[];
  approval: ApprovalState;
  overall?: number;
  decision?: GateDecision;
  /** The review read an older version of the spec. */
  reviewStale: boolean;
  /** Open threats by risk. */
  openThreats: RiskCounts;
  blockingThreats: number;
  /** Why the folder could not be read whole (a spec.md that does not parse, a bad review.json): the rest is what could be read. */
  problem?: string;
}

/** Every spec of the workspace with its phase, approval, scores and open threats: `omni status` and the side panel. */
export async function specStatus(workspace: SpecWorkspace): Promise<SpecSummary[]> {
  return Promise.all((await workspace.list()).map((slug) => summarize(workspace.open(slug))));
}

async function summarize(folder: SpecFolder): Promise<SpecSummary> {
  const summary: SpecSummary = {
    slug: folder.slug,
    specPath: folder.specPath,
    phase: 'drafting',
    nextStep: 'draft',
    reasons: [],
    approval: { kind: 'none' },
    reviewStale: false,
    openThreats: { low: 0, medium: 0, high: 0, critical: 0 },
    blockingThreats: 0,
  };
  try {
    const state = replay(await folder.readEvents());
    Object.assign(summary, { phase: state.phase, nextStep: state.nextStep, reasons: state.reasons });
  } catch (error) {
    if (error instanceof ReplayError) Object.assign(summary, { phase: 'needs-human', nextStep: 'none', reasons: ['no pipeline has run on this spec: request a review'] });
    else if (error instanceof EventsLogError) summary.problem = error.message;
    else throw error;
  }
  try {
    const { spec, review, threats } = await readSpecFiles(folder);
    summary.title = spec.title;
    summary.approval = await approvalState(spec);
    const sha = await specHash(spec.text);
    const state = reviewState(review, sha);
    summary.reviewStale = state.kind === 'stale';
    if (review) Object.assign(summary, { overall: review.overall, decision: review.decision });
    for (const threat of threats?.threats ?? []) if (threat.status === 'open') summary.openThreats[threat.risk]++;
    summary.blockingThreats = threats ? blockingThreats(threats).length : 0;
    if (summary.approval.kind === 'valid') Object.assign(summary, { phase: 'approved', nextStep: 'none' });
    else if (summary.approval.kind === 'void') Object.assign(summary, { phase: 'awaiting-approval', reasons: [summary.approval.reason] });
  } catch (error) {
    summary.problem ??= messageOf(error);
  }
  return summary;
}

/** Downstream work (implementation, tests) started on a spec without a valid approval. */
export class ApprovalRequiredError extends Error {
  override readonly name = 'ApprovalRequiredError';
  constructor(
    readonly slug: string,
    readonly approval: ApprovalState,
  ) {
    super(
      approval.kind === 'void'
        ? `spec "${slug}" must be approved again before work starts: ${approval.reason}`
        : `spec "${slug}" is not approved: run \`omni approve ${slug}\` (or "Omni: Approve Spec") once the review and the threat model allow it`,
    );
  }
}

/** The code-level gate: resolves only when the spec on disk carries a valid approval of its current text. */
export async function requireApproval(workspace: SpecWorkspace, slug: string): Promise<void> {
  const state = await approvalState(await readSpecFile(workspace.open(slug)));
  if (state.kind !== 'valid') throw new ApprovalRequiredError(slug, state);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
