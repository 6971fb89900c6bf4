import { describe, expect, it } from 'vitest';
import { appendRound, InvalidReviewRecordError, parseReviewRecord, type ReviewRoundInput, reviewState } from '../../../src/core/review/review-record';
import type { DesignReview } from '../../../src/core/schemas/design-review';
import { dimensions, SHA_A, SHA_B, SHA_C } from './samples';

function round(specSha256: string, scores: DesignReview['dimensions'], at = '2026-12-06T10:00:00.000Z'): ReviewRoundInput {
  return {
    at,
    spec_sha256: specSha256,
    dimensions: scores,
    findings: [{ dimension: 'failureModes', severity: 'high', title: 'No retry bound', detail: 'Retries forever.', location: 'Error Taxonomy', suggestion: 'Cap at 3 retries.' }],
    summary: 'Sound but fragile.',
    provider: 'ollama',
    model: 'qwen3:8b',
    prompt: { id: 'reviewer/design-review', version: 1 },
  };
}

describe('review.json', () => {
  it('records the first round with the overall score and decision computed in code', () => {
    const record = appendRound(undefined, round(SHA_A, dimensions(8, { failureModes: 4 })), 2);
    expect(record).toMatchObject({ version: 1, spec_sha256: SHA_A, overall: 7.6, decision: 'revise' });
    expect(record.rounds).toHaveLength(1);
    expect(record.rounds[0]).toMatchObject({ round: 1, overall: 7.6, decision: 'revise', spec_sha256: SHA_A });
    expect(record.reasons).toContain('Failure modes scored 4/10: failureModes rationale.');
    expect(record.rounds[0]?.findings[0]?.title).toBe('No retry bound');
  });

  it('keeps every round: a revision that scores 8 proceeds and the history shows both', () => {
    const first = appendRound(undefined, round(SHA_A, dimensions(7)), 2);
    const second = appendRound(first, round(SHA_B, dimensions(8), '2026-12-06T10:05:00.000Z'), 2);
    expect(second).toMatchObject({ spec_sha256: SHA_B, decision: 'proceed', overall: 8 });
    expect(second.rounds.map((r) => [r.round, r.spec_sha256, r.decision])).toEqual([
      [1, SHA_A, 'revise'],
      [2, SHA_B, 'proceed'],
    ]);
  });

  it('stops for a human when the last allowed round is still below 8', () => {
    const first = appendRound(undefined, round(SHA_A, dimensions(7)), 2);
    const second = appendRound(first, round(SHA_B, dimensions(7)), 2);
    expect(second.decision).toBe('needs-human');
    expect(second.reasons[0]).toMatch(/after review 2 of 2/);
  });

  it('survives a JSON round trip and is validated on read', () => {
    const record = appendRound(undefined, round(SHA_A, dimensions(9)), 2);
    expect(parseReviewRecord(JSON.parse(JSON.stringify(record)), '.omni/specs/x/review.json')).toEqual(record);
  });

  it('refuses a hand-edited record whose score or decision no longer follow from the rounds, naming the file and field', () => {
    const record = appendRound(undefined, round(SHA_A, dimensions(5)), 2);
    const edited = { ...record, decision: 'proceed', rounds: [{ ...record.rounds[0], overall: 9 }] };
    const parse = (): unknown => parseReviewRecord(edited, '.omni/specs/x/review.json');
    expect(parse).toThrow(InvalidReviewRecordError);
    expect(parse).toThrow(/^\.omni\/specs\/x\/review\.json: not a valid review record/);
    expect(parse).toThrow(/rounds\.0\.overall: round 1 says overall 9 but its scores average 5/);
    expect(parse).toThrow(/decision: decision must repeat the last round's \(needs-human\)/);
    expect(() => parseReviewRecord({ version: 1 }, 'review.json')).toThrow(/rounds:/);
  });
});

describe('review state', () => {
  const record = appendRound(undefined, round(SHA_A, dimensions(9)), 2);

  it('is none without a record', () => {
    expect(reviewState(undefined, SHA_A)).toEqual({ kind: 'none' });
  });

  it('is current for the spec it reviewed', () => {
    expect(reviewState(record, SHA_A)).toMatchObject({ kind: 'current', decision: 'proceed', overall: 9 });
  });

  it('is stale once the spec changed', () => {
    expect(reviewState(record, SHA_C)).toEqual({ kind: 'stale', reviewedSha256: SHA_A, decision: 'proceed' });
  });
});
