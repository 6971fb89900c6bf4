import { describe, expect, it } from 'vitest';
import { gateDecision, overallScore } from '../../../src/core/review/gate';
import { dimensions } from './samples';

describe('overall score', () => {
  it('is the mean of the ten dimensions to one decimal', () => {
    expect(overallScore(dimensions(8, { coupling: 7 }))).toBe(7.9);
    expect(overallScore(dimensions(8, { testability: 9, concurrency: 10 }))).toBe(8.3);
    expect(overallScore(dimensions(0))).toBe(0);
    expect(overallScore(dimensions(10))).toBe(10);
  });
});

describe('the design review gate', () => {
  it('proceeds at 8 and above', () => {
    expect(gateDecision({ overall: 8, round: 1, maxRounds: 2 }).decision).toBe('proceed');
    expect(gateDecision({ overall: 9.4, round: 2, maxRounds: 2 }).decision).toBe('proceed');
  });

  it('sends 6 to below 8 back for revision while review rounds remain, then stops for a human', () => {
    expect(gateDecision({ overall: 6, round: 1, maxRounds: 2 }).decision).toBe('revise');
    expect(gateDecision({ overall: 7.9, round: 1, maxRounds: 2 }).decision).toBe('revise');
    expect(gateDecision({ overall: 7.9, round: 2, maxRounds: 2 }).decision).toBe('needs-human');
    expect(gateDecision({ overall: 7.9, round: 2, maxRounds: 3 }).decision).toBe('revise');
    expect(gateDecision({ overall: 7, round: 1, maxRounds: 1 }).decision).toBe('needs-human');
  });

  it('stops for a human below 6 even when rounds remain', () => {
    const outcome = gateDecision({ overall: 5.9, round: 1, maxRounds: 5 });
    expect(outcome.decision).toBe('needs-human');
    expect(outcome.reasons[0]).toContain('5.9/10 is below 6');
  });

  it('gives reasons that name each weak dimension with its score, lowest first', () => {
    const scores = dimensions(9, { failureModes: 4, concurrency: 6, coupling: 7, testability: 8 });
    const { decision, reasons } = gateDecision({ overall: overallScore(scores), round: 1, maxRounds: 2, dimensions: scores });
    expect(decision).toBe('revise');
    expect(reasons).toEqual([
      'Overall score 7.9/10 is below 8: the Architect revises the spec with the findings (review 1 of at most 2).',
      'Failure modes scored 4/10: failureModes rationale.',
      'Concurrency scored 6/10: concurrency rationale.',
      'Coupling scored 7/10: coupling rationale.',
    ]);
    const last = gateDecision({ overall: 7.9, round: 2, maxRounds: 2, dimensions: scores });
    expect(last.reasons[0]).toMatch(/still below 8 after review 2 of 2/);
    expect(last.reasons).toHaveLength(4);
  });

  it('refuses a round limit or round number that is not a positive whole number', () => {
    expect(() => gateDecision({ overall: 7, round: 1, maxRounds: 0 })).toThrow(/maxRounds must be a whole number of at least 1, got 0/);
    expect(() => gateDecision({ overall: 7, round: 0, maxRounds: 2 })).toThrow(/round must be/);
  });
});
