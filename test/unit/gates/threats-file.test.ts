import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ThreatModel } from '../../../src/core/schemas/threat-model';
import { dreadScore, riskFromScore } from '../../../src/core/threats/dread';
import {
  blockingThreats,
  InvalidThreatsFileError,
  openThreatsByRisk,
  parseThreatsFile,
  setThreatStatus,
  ThreatStatusError,
  threatsFromModel,
} from '../../../src/core/threats/threats-file';
import { modelAnswer, SHA_A, SHA_B, threatModel } from './samples';

const AT = new Date('2026-12-06T12:00:00.000Z');

type Answer = { threats: Record<string, unknown>[]; flows: Record<string, unknown>[]; elements: Record<string, unknown>[] };

function answer(): Answer {
  return modelAnswer() as Answer;
}

function issues(value: unknown): string[] {
  const parsed = ThreatModel.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('DREAD risk', () => {
  it('averages the five factors and bands the mean: >= 8 critical, >= 6 high, >= 4 medium, else low', () => {
    expect(dreadScore({ damage: 10, reproducibility: 9, exploitability: 8, affectedUsers: 10, discoverability: 7 })).toBe(8.8);
    expect([8, 7.9, 6, 5.9, 4, 3.9, 0].map(riskFromScore)).toEqual(['critical', 'high', 'high', 'medium', 'medium', 'low', 'low']);
  });
});

describe("the Threat Modeler's answer", () => {
  it('requires DREAD factors between 0 and 10 on every threat', () => {
    const missing = answer();
    delete missing.threats[0]?.dread;
    expect(issues(missing)).toContain('threats.0.dread: Invalid input: expected object, received undefined');
    const outOfRange = answer();
    (outOfRange.threats[1] as { dread: { damage: number } }).dread.damage = 11;
    expect(issues(outOfRange).join('\n')).toMatch(/threats\.1\.dread\.damage/);
  });

  it('names the bad id when a flow or threat points at nothing, an id repeats, or a category is under the wrong framework', () => {
    const bad = answer();
    bad.flows[1] = { ...bad.flows[1], to: 'cache' };
    bad.threats[2] = { ...bad.threats[2], target: 'F9' };
    bad.threats[3] = { ...bad.threats[3], id: 'T1', framework: 'LINDDUN' };
    expect(issues(bad)).toEqual([
      'threats.3.id: id "T1" is used by more than one threat: ids must be unique',
      'flows.1.to: flow "F2" goes to "cache", which is not an element id',
      'threats.2.target: threat "T3" targets "F9", which is not an element or flow id',
      'threats.3.category: threat "T1" is filed under LINDDUN but "repudiation" is not a LINDDUN category',
    ]);
  });

  it('asks the model for DREAD factors, not a risk level, in the JSON schema it is sent', () => {
    const json = z.toJSONSchema(ThreatModel) as unknown as { properties: { threats: { items: { required: string[]; properties: Record<string, { required?: string[] }> } } } };
    const threat = json.properties.threats.items;
    expect(threat.required).toContain('dread');
    expect(threat.required).not.toContain('risk');
    expect(threat.properties.dread?.required).toEqual(['damage', 'reproducibility', 'exploitability', 'affectedUsers', 'discoverability']);
  });

  it('accepts the sample answer', () => {
    expect(issues(answer())).toEqual([]);
  });
});

describe('threats.json from the model', () => {
  it('computes each threat’s DREAD score and risk in code, ignoring a risk the model volunteers', () => {
    const raw = answer();
    raw.threats[1] = { ...raw.threats[1], risk: 'low' };
    const file = threatsFromModel(ThreatModel.parse(raw), { specSha256: SHA_A, at: AT });
    expect(file.threats.map((t) => [t.id, t.dreadScore, t.risk, t.status])).toEqual([
      ['T1', 7.6, 'high', 'open'],
      ['T2', 8.8, 'critical', 'open'],
      ['T3', 4.6, 'medium', 'open'],
      ['T4', 2, 'low', 'open'],
    ]);
    expect(file).toMatchObject({ version: 1, spec_sha256: SHA_A, generated_at: '2026-12-06T12:00:00.000Z' });
    expect(file.threats[0]).toMatchObject({ framework: 'STRIDE', category: 'spoofing', target: 'F1', scenario: expect.stringContaining('shared computer') as string });
    expect(file.threats[0]?.mitigations).toEqual(['Bind sessions to a rotating token and expire them after 30 minutes idle']);
    expect(file.elements.map((e) => e.kind)).toEqual(['externalEntity', 'process', 'dataStore', 'externalEntity']);
    expect(file.boundaries).toHaveLength(2);
    expect(file.assumptions).toHaveLength(1);
  });

  it('keeps a person’s verdict on the same threat when the model runs again with new ids and a reworded title', () => {
    const before = setThreatStatus(threatsFromModel(threatModel(), { specSha256: SHA_A, at: AT }), 'T2', 'accepted', 'Internal tool, search is admin-only');
    const again = answer();
    again.threats = again.threats.map((threat, index) => ({ ...threat, id: `X${index + 1}` }));
    again.threats[1] = { ...again.threats[1], title: '  sql Injection in order-search! ' };
    const after = threatsFromModel(ThreatModel.parse(again), { specSha256: SHA_B, at: AT, previous: before });
    expect(after.threats[1]).toMatchObject({ id: 'X2', status: 'accepted', reason: 'Internal tool, search is admin-only' });
    expect(after.threats.filter((t) => t.status !== 'open')).toHaveLength(1);
  });

  it('does not carry a verdict to a threat on another target or category', () => {
    const before = setThreatStatus(threatsFromModel(threatModel(), { specSha256: SHA_A, at: AT }), 'T2', 'mitigated', 'R7 uses bound parameters');
    const again = answer();
    again.threats[1] = { ...again.threats[1], target: 'db' };
    const after = threatsFromModel(ThreatModel.parse(again), { specSha256: SHA_B, at: AT, previous: before });
    expect(after.threats[1]?.status).toBe('open');
  });
});

describe('blocking threats and verdicts', () => {
  const file = threatsFromModel(threatModel(), { specSha256: SHA_A, at: AT });

  it('blocks on open high and critical threats only', () => {
    expect(blockingThreats(file).map((t) => t.id)).toEqual(['T1', 'T2']);
    const mitigated = setThreatStatus(file, 'T1', 'mitigated');
    const accepted = setThreatStatus(mitigated, 'T2', 'accepted', 'Behind the VPN');
    expect(blockingThreats(mitigated).map((t) => t.id)).toEqual(['T2']);
    expect(blockingThreats(accepted)).toEqual([]);
    expect(accepted.threats[1]).toMatchObject({ status: 'accepted', reason: 'Behind the VPN' });
    expect(file.threats[1]?.status).toBe('open');
  });

  it('counts open threats by risk', () => {
    expect(openThreatsByRisk(file)).toEqual({ low: 1, medium: 1, high: 1, critical: 1 });
    expect(openThreatsByRisk(setThreatStatus(file, 'T3', 'mitigated'))).toEqual({ low: 1, medium: 0, high: 1, critical: 1 });
  });

  it('drops the old reason when a threat is reopened', () => {
    const reopened = setThreatStatus(setThreatStatus(file, 'T2', 'not-applicable', 'No search endpoint'), 'T2', 'open');
    expect(reopened.threats[1]?.status).toBe('open');
    expect(reopened.threats[1]).not.toHaveProperty('reason');
  });

  it('throws a typed error for an unknown id or a verdict without a reason', () => {
    const unknown = (): unknown => setThreatStatus(file, 'T9', 'mitigated');
    expect(unknown).toThrow(ThreatStatusError);
    expect(unknown).toThrow('no threat "T9" in the threat model: known ids are T1, T2, T3, T4');
    for (const status of ['accepted', 'not-applicable'] as const) {
      try {
        setThreatStatus(file, 'T1', status, '   ');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ThreatStatusError);
        expect(error).toMatchObject({ kind: 'reason-required', threatId: 'T1' });
      }
    }
  });
});

describe('reading threats.json', () => {
  const file = threatsFromModel(threatModel(), { specSha256: SHA_A, at: AT });
  const PATH = '.omni/specs/orders/threats.json';

  it('round-trips through JSON', () => {
    expect(parseThreatsFile(JSON.parse(JSON.stringify(file)), PATH)).toEqual(file);
  });

  it('refuses an accepted threat without a reason, a hand-lowered risk and a dangling flow, naming the file and ids', () => {
    const edited = structuredClone(file);
    edited.threats[0] = { ...edited.threats[0]!, status: 'accepted' };
    edited.threats[1] = { ...edited.threats[1]!, risk: 'low' };
    edited.flows[0] = { ...edited.flows[0]!, from: 'ghost' };
    const read = (): unknown => parseThreatsFile(JSON.parse(JSON.stringify(edited)), PATH);
    expect(read).toThrow(InvalidThreatsFileError);
    expect(read).toThrow(`${PATH}: not a valid threat model:`);
    expect(read).toThrow('threats.0.reason: threat "T1" is accepted: say why in "reason"');
    expect(read).toThrow('threats.1.risk: threat "T2": risk is low but a DREAD score of 8.8 is critical');
    expect(read).toThrow('flows.0.from: flow "F1" goes from "ghost", which is not an element id');
  });
});
