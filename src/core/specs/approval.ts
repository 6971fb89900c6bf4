import { setFrontmatter } from './edit-frontmatter';
import type { SpecFile } from './spec-file';
import type { SpecStatus } from './spec-frontmatter';
import { specHash } from './spec-hash';

export type ApprovalState = { kind: 'none' } | { kind: 'valid'; by: string; at: string } | { kind: 'void'; by: string; at: string; reason: string };

/** Statuses that an approval outlives: the work it allowed goes on. */
const APPROVED_STATUSES: readonly SpecStatus[] = ['approved', 'implementing', 'done'];

/** Whether the recorded approval still covers the spec: void once the text changed or the status went back. */
export async function approvalState(spec: SpecFile): Promise<ApprovalState> {
  const approval = spec.frontmatter.approval;
  if (!approval) return { kind: 'none' };
  const { by, at } = approval;
  if ((await specHash(spec.text)) !== approval.spec_sha256) {
    return { kind: 'void', by, at, reason: `the spec changed after the approval at ${at} by ${by}` };
  }
  if (!APPROVED_STATUSES.includes(spec.frontmatter.status)) {
    return { kind: 'void', by, at, reason: `the status is ${spec.frontmatter.status}, set after the approval at ${at} by ${by}` };
  }
  return { kind: 'valid', by, at };
}

/** The text with `status: approved` and an approval for exactly this text (who, when, its hash). */
export async function withApproval(text: string, approval: { by: string; at: Date }, path?: string): Promise<string> {
  const spec_sha256 = await specHash(text);
  return setFrontmatter(text, { status: 'approved', approval: { by: approval.by, at: approval.at.toISOString(), spec_sha256 } }, path);
}
