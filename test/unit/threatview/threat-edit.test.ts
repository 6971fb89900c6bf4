import { describe, expect, it } from 'vitest';
import { editThreat, ThreatEditError } from '../../../src/core/threats/threat-edit';
import { parseThreatsFile, threatsFromModel, type ThreatsFile } from '../../../src/core/threats/threats-file';
import { SHA_A, threatModel } from '../gates/samples';

const AT = new Date('2026-12-06T12:00:00.000Z');

function threats(): ThreatsFile {
  return threatsFromModel(threatModel(), { specSha256: SHA_A, at: AT });
}

function refusal(run: () => unknown): ThreatEditError {
  try {
    run();
  } catch (error) {
    if (error instanceof ThreatEditError) return error;
    throw error;
  }
  throw new Error('the edit was not refused');
}

const byId = (file: ThreatsFile, id: string) => file.threats.find((threat) => threat.id === id);

describe('editThreat', () => {
  it('sets the status and the mitigations of one threat and leaves the others as they were', () => {
    const before = threats();
    const after = editThreat(before, { id: 'T2', status: 'mitigated', mitigations: ['  Use bound parameters for every query ', '', '   '] });
    expect(byId(after, 'T2')).toMatchObject({ status: 'mitigated', mitigations: ['Use bound parameters for every query'] });
    expect(after.threats.filter((threat) => threat.id !== 'T2')).toEqual(before.threats.filter((threat) => threat.id !== 'T2'));
    expect(byId(before, 'T2')).toMatchObject({ status: 'open', mitigations: [] });
    // What comes back is a file the reader accepts as it is.
    expect(parseThreatsFile(JSON.parse(JSON.stringify(after)), 'threats.json')).toEqual(after);
  });

  it('keeps the mitigations when the edit leaves them out', () => {
    const after = editThreat(threats(), { id: 'T1', status: 'mitigated' });
    expect(byId(after, 'T1')?.mitigations).toEqual(['Bind sessions to a rotating token and expire them after 30 minutes idle']);
  });

  it('refuses accepted and not-applicable without a reason, and says why in words', () => {
    for (const status of ['accepted', 'not-applicable'] as const) {
      const error = refusal(() => editThreat(threats(), { id: 'T2', status, reason: '   ' }));
      expect(error.kind).toBe('reason-required');
      expect(error.threatId).toBe('T2');
      expect(error.reasons).toEqual([expect.stringContaining(`threat "T2" can only be marked ${status} with a reason`)]);
    }
  });

  it('records the reason of an accepted risk, and drops it when the threat is opened again', () => {
    const accepted = editThreat(threats(), { id: 'T3', status: 'accepted', reason: ' Analytics run on a separate, audited cluster ' });
    expect(byId(accepted, 'T3')).toMatchObject({ status: 'accepted', reason: 'Analytics run on a separate, audited cluster' });
    const reopened = editThreat(accepted, { id: 'T3', status: 'open' });
    expect(byId(reopened, 'T3')).toMatchObject({ status: 'open' });
    expect(byId(reopened, 'T3')).not.toHaveProperty('reason');
  });

  it('names the known ids when the threat is unknown', () => {
    const error = refusal(() => editThreat(threats(), { id: 'T9', status: 'mitigated', mitigations: ['x'] }));
    expect(error.kind).toBe('unknown-threat');
    expect(error.reasons).toEqual(['no threat "T9" in the threat model: known ids are T1, T2, T3, T4']);
  });

  it('refuses to produce a file that would fail validation, naming the bad field', () => {
    const tampered = threats();
    const first = tampered.threats[0];
    if (!first) throw new Error('the sample has threats');
    const broken: ThreatsFile = { ...tampered, threats: [{ ...first, risk: 'low' }, ...tampered.threats.slice(1)] };
    const error = refusal(() => editThreat(broken, { id: 'T2', status: 'mitigated' }));
    expect(error.kind).toBe('invalid-result');
    expect(error.reasons).toEqual([expect.stringMatching(/^threats\.0\.risk: threat "T1": risk is low but a DREAD score of 7\.6 is high$/)]);
  });
});
