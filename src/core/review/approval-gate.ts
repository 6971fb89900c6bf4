import { blockingThreats, type ThreatsFile } from '../threats/threats-file';
import { GATE_THRESHOLDS } from './gate';
import type { ReviewState } from './review-record';

export interface ApprovalGateInput {
  /** A CompletenessReport fits; with its items, the refusal names the failed checks. */
  readonly completeness: { readonly complete: boolean; readonly items?: readonly { readonly title: string; readonly passed: boolean }[] };
  readonly review: ReviewState;
  readonly threats: ThreatsFile | undefined;
  /** sha256 of the spec as it is now (specHash). */
  readonly specSha256: string;
}

/** Why the spec may not be approved yet, one actionable sentence each; [] means it may. */
export function approvalRefusals(input: ApprovalGateInput): string[] {
  const refusals: string[] = [];
  if (!input.completeness.complete) {
    const failed = (input.completeness.items ?? []).filter((item) => !item.passed).map((item) => item.title);
    refusals.push(`The completeness check fails${failed.length > 0 ? ` (${failed.join('; ')})` : ''}: complete the spec and check it again.`);
  }
  refusals.push(...reviewRefusals(input.review));
  refusals.push(...threatRefusals(input.threats, input.specSha256));
  return refusals;
}

function reviewRefusals(review: ReviewState): string[] {
  switch (review.kind) {
    case 'none':
      return ['The spec has no design review: run the review before approving.'];
    case 'stale':
      return [`The design review read an older version of the spec (sha256 ${review.reviewedSha256.slice(0, 12)}): review the current text again.`];
    case 'current':
      if (review.decision === 'proceed') return [];
      return [
        `The design review scored ${review.overall.toFixed(1)}/10 and decided "${review.decision}": it must reach ${GATE_THRESHOLDS.proceed} to allow approval.`,
      ];
  }
}

function threatRefusals(threats: ThreatsFile | undefined, specSha256: string): string[] {
  if (!threats) return ['The spec has no threat model: run the Threat Modeler before approving.'];
  const refusals: string[] = [];
  if (threats.spec_sha256 !== specSha256) {
    refusals.push(`The threat model was made for an older version of the spec (sha256 ${threats.spec_sha256.slice(0, 12)}): model the threats of the current text again.`);
  }
  for (const threat of blockingThreats(threats)) {
    refusals.push(`Threat ${threat.id} "${threat.title}" is open with ${threat.risk} risk (DREAD ${threat.dreadScore.toFixed(1)}): mitigate it in the spec, or accept it with a reason.`);
  }
  return refusals;
}
