import { describe, expect, it } from 'vitest';
import { approvalRefusals } from '../../../src/core/review/approval-gate';
import { appendRound, reviewState } from '../../../src/core/review/review-record';
import { setThreatStatus, threatsFromModel } from '../../../src/core/threats/threats-file';
import { dimensions, SHA_A, SHA_B, threatModel } from './samples';

const AT = new Date('2026-12-06T12:00:00.000Z');

function review(score: number, specSha256 = SHA_A) {
  return appendRound(
    undefined,
    { at: AT.toISOString(), spec_sha256: specSha256, dimensions: dimensions(score), findings: [], summary: 'ok', provider: 'ollama', model: 'm', prompt: { id: 'reviewer/design-review', version: 1 } },
    2,
  );
}

const threats = threatsFromModel(threatModel(), { specSha256: SHA_A, at: AT });
const settled = setThreatStatus(setThreatStatus(threats, 'T1', 'mitigated', 'R9 rotates tokens'), 'T2', 'accepted', 'Admin-only endpoint');

describe('approval gate', () => {
  it('allows approval when complete, reviewed to proceed on this text, and no blocking threat is open', () => {
    expect(approvalRefusals({ completeness: { complete: true }, review: reviewState(review(8), SHA_A), threats: settled, specSha256: SHA_A })).toEqual([]);
  });

  it('refuses an incomplete spec, naming the failed checks', () => {
    const refusals = approvalRefusals({
      completeness: { complete: false, items: [{ title: 'Requirements have acceptance criteria', passed: false }, { title: 'Rollback plan', passed: true }, { title: 'Constraints state numbers', passed: false }] },
      review: reviewState(review(9), SHA_A),
      threats: settled,
      specSha256: SHA_A,
    });
    expect(refusals).toEqual(['The completeness check fails (Requirements have acceptance criteria; Constraints state numbers): complete the spec and check it again.']);
  });

  it('refuses without a review, with a stale review, and with a review that did not proceed', () => {
    const base = { completeness: { complete: true }, threats: settled, specSha256: SHA_A };
    expect(approvalRefusals({ ...base, review: { kind: 'none' } })).toEqual(['The spec has no design review: run the review before approving.']);
    expect(approvalRefusals({ ...base, review: reviewState(review(9, SHA_B), SHA_A) })).toEqual([
      'The design review read an older version of the spec (sha256 bbbbbbbbbbbb): review the current text again.',
    ]);
    expect(approvalRefusals({ ...base, review: reviewState(review(7), SHA_A) })).toEqual([
      'The design review scored 7.0/10 and decided "revise": it must reach 8 to allow approval.',
    ]);
  });

  it('refuses without a threat model or with one made for an older spec', () => {
    const base = { completeness: { complete: true }, review: reviewState(review(9), SHA_A), specSha256: SHA_A };
    expect(approvalRefusals({ ...base, threats: undefined })).toEqual(['The spec has no threat model: run the Threat Modeler before approving.']);
    expect(approvalRefusals({ ...base, threats: { ...settled, spec_sha256: SHA_B } })).toEqual([
      'The threat model was made for an older version of the spec (sha256 bbbbbbbbbbbb): model the threats of the current text again.',
    ]);
  });

  it('names each open high or critical threat with its id, title and risk', () => {
    expect(approvalRefusals({ completeness: { complete: true }, review: reviewState(review(9), SHA_A), threats, specSha256: SHA_A })).toEqual([
      'Threat T1 "Session cookie replay" is open with high risk (DREAD 7.6): mitigate it in the spec, or accept it with a reason.',
      'Threat T2 "SQL injection in order search" is open with critical risk (DREAD 8.8): mitigate it in the spec, or accept it with a reason.',
    ]);
  });

  it('lists every refusal at once', () => {
    expect(approvalRefusals({ completeness: { complete: false }, review: { kind: 'none' }, threats, specSha256: SHA_B })).toHaveLength(5);
  });
});
