import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { conform } from '../../../src/core/llm/structured/conform';

const Score = z.object({ score: z.number().min(0).max(10), rationale: z.string() });
const Review = z.object({
  dimensions: z.object({ separationOfConcerns: Score, failureModes: Score }),
  findings: z.array(z.object({ severity: z.enum(['low', 'high']), dimension: z.enum(['separationOfConcerns', 'failureModes']) })),
  boundary: z.string().optional(),
  note: z.string().nullable(),
});

describe('conforming a model answer to its schema', () => {
  it('maps keys and enum values written in words, snake case or another case', () => {
    const answer = {
      dimensions: { 'Separation of Concerns': { score: 8, rationale: 'a' }, failure_modes: { score: 6, rationale: 'b' } },
      findings: [{ severity: 'HIGH', dimension: 'Failure Modes' }],
      note: null,
    };
    expect(Review.parse(conform(Review, answer))).toEqual({
      dimensions: { separationOfConcerns: { score: 8, rationale: 'a' }, failureModes: { score: 6, rationale: 'b' } },
      findings: [{ severity: 'high', dimension: 'failureModes' }],
      note: null,
    });
  });

  it('reads numbers written as text, "8/10" included, and leaves words alone', () => {
    expect(conform(Score, { score: '8/10', rationale: 'r' })).toEqual({ score: 8, rationale: 'r' });
    expect(conform(Score, { score: ' 7.5 ', rationale: 'r' })).toEqual({ score: 7.5, rationale: 'r' });
    expect(conform(Score, { score: 'eight', rationale: 'r' })).toEqual({ score: 'eight', rationale: 'r' });
    expect(conform(Score, { score: '8/100', rationale: 'r' })).toEqual({ score: '8/100', rationale: 'r' });
  });

  it('drops null for an optional field, keeps it for a nullable one, and reads null as an empty list', () => {
    const conformed = conform(Review, { dimensions: {}, findings: null, boundary: null, note: null });
    expect(conformed).toEqual({ dimensions: {}, findings: [], note: null });
  });

  it('takes one item where a list is wanted as a list of one, and a list of lines where one text is wanted as a Markdown list', () => {
    const Threat = z.object({ mitigations: z.array(z.string()), rollbackPlan: z.string().trim().min(1) });
    expect(Threat.parse(conform(Threat, { mitigations: 'Use bound parameters', rollbackPlan: ['Turn the flag off', 'Redeploy 1.4.2'] }))).toEqual({
      mitigations: ['Use bound parameters'],
      rollbackPlan: '- Turn the flag off\n- Redeploy 1.4.2',
    });
    expect(conform(Threat, { mitigations: [], rollbackPlan: [] })).toEqual({ mitigations: [], rollbackPlan: [] });
  });

  it('keys a list of named entries by their names', () => {
    const answer = { dimensions: [{ name: 'separation of concerns', score: '9', rationale: 'a' }, { dimension: 'failureModes', score: 7, rationale: 'b' }] };
    expect(conform(Review.shape.dimensions, answer.dimensions)).toEqual({ separationOfConcerns: { score: 9, rationale: 'a' }, failureModes: { score: 7, rationale: 'b' } });
  });

  it('guesses nothing: unknown names, names that fit two keys, and a key given twice stay for the validator', () => {
    const Twins = z.object({ dataFlow: z.number(), data_flow: z.number() });
    expect(conform(Twins, { 'Data Flow': 1 })).toEqual({ 'Data Flow': 1 });
    expect(conform(Review.shape.findings, [{ severity: 'severe', dimension: 'coupling' }])).toEqual([{ severity: 'severe', dimension: 'coupling' }]);
    expect(conform(Review.shape.dimensions, { failureModes: { score: 1, rationale: 'a' }, failure_modes: { score: 2, rationale: 'b' } })).toEqual({
      failureModes: { score: 1, rationale: 'a' },
      failure_modes: { score: 2, rationale: 'b' },
    });
    expect(conform(Review.shape.dimensions, [{ name: 'coupling', score: 1 }])).toEqual([{ name: 'coupling', score: 1 }]);
    // JSON.parse makes "__proto__" an own key; conforming must not turn it into the result's prototype.
    const smuggled = conform(Score, JSON.parse('{"__proto__": {"score": 10}, "rationale": "r"}'));
    expect(Score.safeParse(smuggled).success).toBe(false);
    expect(Object.getPrototypeOf(smuggled)).toBe(Object.prototype);
  });
});
