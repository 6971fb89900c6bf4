import { describe, expect, it } from 'vitest';
import { toThreatDragon } from '../../../src/core/threats/threat-dragon';
import { ThreatDragonModel, type ThreatDragonCell, type ThreatDragonThreat } from '../../../src/core/threats/threat-dragon-model';
import { setThreatStatus, threatsFromModel } from '../../../src/core/threats/threats-file';
import { SHA_A, threatModel } from './samples';

const file = setThreatStatus(
  setThreatStatus(threatsFromModel(threatModel(), { specSha256: SHA_A, at: new Date('2026-12-06T12:00:00Z') }), 'T2', 'accepted', 'Admin-only search'),
  'T4',
  'not-applicable',
  'Payments are logged by the provider',
);
const exported = toThreatDragon(file, { title: 'Orders', owner: 'Ada', description: 'Checkout flow' });
const threatsOf = (cells: readonly ThreatDragonCell[]): ThreatDragonThreat[] => cells.flatMap((cell) => cell.data.threats ?? []);

describe('Threat Dragon export', () => {
  it('passes the required-field checks of the Threat Dragon v2 schema, also after a JSON round trip', () => {
    const parsed = ThreatDragonModel.safeParse(JSON.parse(JSON.stringify(exported)));
    expect(parsed.error).toBeUndefined();
    expect(exported.version).toMatch(/^2\.\d+\.\d+$/);
    expect(exported.summary).toEqual({ title: 'Orders', owner: 'Ada', description: 'Checkout flow', id: 0 });
    expect(exported.detail).toMatchObject({ contributors: [{ name: 'Ada' }], reviewer: '', diagramTop: 2, threatTop: 4 });
  });

  it('the checks it passes are real: a model missing what Threat Dragon requires fails them', () => {
    const broken = structuredClone(exported) as { detail: { threatTop?: number; diagrams: { cells: { zIndex?: number; data: { threats?: { severity?: string }[] } }[] }[] } };
    delete broken.detail.threatTop;
    const cell = broken.detail.diagrams[0]?.cells.find((c) => (c.data.threats?.length ?? 0) > 0);
    delete cell?.data.threats?.[0]?.severity;
    const issues = ThreatDragonModel.safeParse(broken).error?.issues.map((issue) => issue.path.join('.'));
    expect(issues).toContain('detail.threatTop');
    expect(issues?.some((path) => /^detail\.diagrams\.0\.cells\.\d+\.data\.threats\.0\.severity$/.test(path))).toBe(true);
  });

  it('has one STRIDE and one LINDDUN diagram, each with every element, flow and boundary as cells', () => {
    expect(exported.detail.diagrams.map((d) => [d.id, d.diagramType])).toEqual([
      [0, 'STRIDE'],
      [1, 'LINDDUN'],
    ]);
    for (const diagram of exported.detail.diagrams) {
      const names = (shape: string): string[] => diagram.cells.filter((c) => c.shape === shape).map((c) => c.data.name);
      expect(names('actor')).toEqual(["Customer's browser", 'Payment provider']);
      expect(names('process')).toEqual(['Orders API']);
      expect(names('store')).toEqual(['Orders database']);
      expect(names('flow')).toEqual(['session cookie, order with delivery address', 'order rows with personal data', 'payment token, amount']);
      expect(names('trust-boundary-box')).toEqual(['Data centre', 'Payment vendor']);
      expect(new Set(diagram.cells.map((c) => c.id)).size).toBe(diagram.cells.length);
    }
  });

  it('connects every flow to cells that exist in its diagram', () => {
    for (const diagram of exported.detail.diagrams) {
      const ids = new Set(diagram.cells.map((c) => c.id));
      const flows = diagram.cells.filter((c) => c.shape === 'flow');
      expect(flows).toHaveLength(3);
      for (const flow of flows) {
        expect(ids.has(flow.source?.cell ?? '')).toBe(true);
        expect(ids.has(flow.target?.cell ?? '')).toBe(true);
      }
    }
    const stride = exported.detail.diagrams[0]!;
    const byId = new Map(stride.cells.map((c) => [c.id, c.data.name]));
    const f1 = stride.cells.find((c) => c.data.name.startsWith('session cookie'));
    expect([byId.get(f1?.source?.cell ?? ''), byId.get(f1?.target?.cell ?? '')]).toEqual(["Customer's browser", 'Orders API']);
  });

  it('attaches every threat once, to its target, in the diagram of its framework', () => {
    const [stride, linddun] = exported.detail.diagrams;
    expect(threatsOf(stride!.cells).map((t) => [t.number, t.modelType, t.type])).toEqual([
      [2, 'STRIDE', 'Tampering'],
      [1, 'STRIDE', 'Spoofing'],
      [4, 'STRIDE', 'Repudiation'],
    ]);
    expect(threatsOf(linddun!.cells).map((t) => [t.number, t.modelType, t.type])).toEqual([[3, 'LINDDUN', 'Linkability']]);
    const db = linddun!.cells.find((c) => c.data.name === 'Orders database');
    expect(db?.data.threats?.[0]?.title).toBe('T3: Addresses linkable across orders');
    expect(db?.data.hasOpenThreats).toBe(true);
  });

  it('carries status, severity, DREAD score, scenario and mitigations into each threat', () => {
    const all = new Map(exported.detail.diagrams.flatMap((d) => threatsOf(d.cells)).map((t) => [t.id, t]));
    expect(all.get('threat-T1')).toMatchObject({ status: 'Open', severity: 'High', score: '7.6', mitigation: '- Bind sessions to a rotating token and expire them after 30 minutes idle' });
    expect(all.get('threat-T1')?.description).toMatch(/^A cookie stolen .*\n\nDREAD 7\.6: damage 8, reproducibility 9, exploitability 7, affected users 6, discoverability 8\.$/s);
    expect(all.get('threat-T2')).toMatchObject({ status: 'Mitigated', severity: 'Critical', mitigation: 'Risk accepted: Admin-only search' });
    expect(all.get('threat-T4')).toMatchObject({ status: 'NotApplicable', severity: 'Low', mitigation: 'Not applicable: Payments are logged by the provider\n- Log every payment request with its order id' });
  });

  it('lays elements out in columns by trust boundary, inside their boundary box', () => {
    const stride = exported.detail.diagrams[0]!;
    const cell = (name: string): ThreatDragonCell => stride.cells.find((c) => c.data.name === name)!;
    const inside = (element: ThreatDragonCell, box: ThreatDragonCell): boolean =>
      element.position!.x >= box.position!.x &&
      element.position!.y >= box.position!.y &&
      element.position!.x + element.size!.width <= box.position!.x + box.size!.width &&
      element.position!.y + element.size!.height <= box.position!.y + box.size!.height;
    expect(inside(cell('Orders API'), cell('Data centre'))).toBe(true);
    expect(inside(cell('Orders database'), cell('Data centre'))).toBe(true);
    expect(inside(cell('Payment provider'), cell('Payment vendor'))).toBe(true);
    expect(inside(cell("Customer's browser"), cell('Data centre'))).toBe(false);
    expect(cell("Customer's browser").position!.x).toBeLessThan(cell('Data centre').position!.x);
    expect(cell('Data centre').position!.x).toBeLessThan(cell('Payment vendor').position!.x);
    expect(toThreatDragon(file, { title: 'Orders', owner: 'Ada', description: 'Checkout flow' })).toEqual(exported);
  });

  it('exports a STRIDE diagram only when there are no LINDDUN threats', () => {
    const strideOnly = { ...file, threats: file.threats.filter((t) => t.framework === 'STRIDE') };
    const model = toThreatDragon(strideOnly, { title: 'Orders' });
    expect(model.detail.diagrams.map((d) => d.diagramType)).toEqual(['STRIDE']);
    expect(model.summary).toEqual({ title: 'Orders', owner: '', description: '', id: 0 });
    expect(model.detail.contributors).toEqual([]);
  });
});
