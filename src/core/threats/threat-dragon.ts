import type { ElementKind, LINDDUN, STRIDE } from '../schemas/threat-model';
import { type Box, columnLayout } from './diagram-layout';
import type { ThreatDragonCell, ThreatDragonDiagram, ThreatDragonModel, ThreatDragonThreat } from './threat-dragon-model';
import type { StoredThreat, ThreatsFile } from './threats-file';

/** The Threat Dragon release whose v2 format this export follows. */
export const THREAT_DRAGON_VERSION = '2.4.0';

type Framework = StoredThreat['framework'];

const FRAMEWORKS: readonly { framework: Framework; key: string; thumbnail: string }[] = [
  { framework: 'STRIDE', key: 'stride', thumbnail: './public/content/images/thumbnail.stride.jpg' },
  { framework: 'LINDDUN', key: 'linddun', thumbnail: './public/content/images/thumbnail.linddun.jpg' },
];

/** Threat Dragon's own names for the categories, as its threat editor lists them. */
const TYPE_NAMES: Readonly<Record<(typeof STRIDE)[number] | (typeof LINDDUN)[number], string>> = {
  spoofing: 'Spoofing',
  tampering: 'Tampering',
  repudiation: 'Repudiation',
  informationDisclosure: 'Information disclosure',
  denialOfService: 'Denial of service',
  elevationOfPrivilege: 'Elevation of privilege',
  linking: 'Linkability',
  identifying: 'Identifiability',
  nonRepudiation: 'Non-repudiation',
  detecting: 'Detectability',
  dataDisclosure: 'Disclosure of information',
  unawareness: 'Unawareness',
  nonCompliance: 'Non-compliance',
};

const SEVERITIES: Readonly<Record<StoredThreat['risk'], ThreatDragonThreat['severity']>> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

/** Threat Dragon knows Open, Mitigated and N/A; an accepted risk counts as handled, and says so in its mitigation text. */
const STATUSES: Readonly<Record<StoredThreat['status'], ThreatDragonThreat['status']>> = { open: 'Open', mitigated: 'Mitigated', accepted: 'Mitigated', 'not-applicable': 'NotApplicable' };

const ELEMENT_SHAPES: Readonly<Record<ElementKind, { shape: string; type: string; flags: Record<string, boolean | string> }>> = {
  externalEntity: { shape: 'actor', type: 'tm.Actor', flags: { providesAuthentication: false } },
  process: { shape: 'process', type: 'tm.Process', flags: { handlesCardPayment: false, handlesGoodsOrServices: false, isWebApplication: false, privilegeLevel: '' } },
  dataStore: { shape: 'store', type: 'tm.Store', flags: { isALog: false, storesCredentials: false, isEncrypted: false, isSigned: false, storesInventory: false } },
};

const STROKE = { stroke: '#333333', strokeWidth: 1, strokeDasharray: null };

export interface ThreatDragonMeta {
  readonly title: string;
  readonly owner?: string;
  readonly description?: string;
}

/**
 * The threat model as an OWASP Threat Dragon v2 model: one diagram per framework that has threats
 * (STRIDE always), each holding every element, flow and trust boundary as cells, with the
 * framework's threats attached to the cell they target.
 */
export function toThreatDragon(file: ThreatsFile, meta: ThreatDragonMeta): ThreatDragonModel {
  const numbers = new Map(file.threats.map((threat, index) => [threat.id, index + 1]));
  const layout = columnLayout(file);
  const frameworks = FRAMEWORKS.filter(({ framework }) => framework === 'STRIDE' || file.threats.some((threat) => threat.framework === framework));
  const diagrams = frameworks.map(({ framework, key, thumbnail }, index): ThreatDragonDiagram => {
    const threatsOf = (target: string): ThreatDragonThreat[] =>
      file.threats.filter((threat) => threat.framework === framework && threat.target === target).map((threat) => dragonThreat(threat, numbers.get(threat.id) ?? 0));
    const cellId = (id: string): string => `${key}-${id}`;
    const cells: ThreatDragonCell[] = [
      ...file.boundaries.map((boundary) => boundaryCell(cellId(boundary.id), boundary.name, layout.boundaries.get(boundary.id))),
      ...file.elements.map((element, position) => {
        const box = layout.elements.get(element.id);
        if (!box) throw new Error(`no place for element "${element.id}" in the diagram layout`);
        return elementCell(cellId(element.id), element.name, ELEMENT_SHAPES[element.kind], box, position + 1, threatsOf(element.id));
      }),
      ...file.flows.map((flow) => flowCell(cellId(flow.id), flow, cellId(flow.from), cellId(flow.to), threatsOf(flow.id))),
    ];
    return {
      id: index,
      title: `${meta.title} (${framework})`,
      diagramType: framework,
      description: file.assumptions.length > 0 ? `Assumptions: ${file.assumptions.join(' ')}` : '',
      placeholder: `${framework} data-flow diagram of the design`,
      thumbnail,
      version: THREAT_DRAGON_VERSION,
      cells,
    };
  });
  return {
    version: THREAT_DRAGON_VERSION,
    summary: { title: meta.title, owner: meta.owner ?? '', description: meta.description ?? '', id: 0 },
    detail: { contributors: meta.owner ? [{ name: meta.owner }] : [], diagrams, diagramTop: diagrams.length, reviewer: '', threatTop: file.threats.length },
  };
}

function dragonThreat(threat: StoredThreat, number: number): ThreatDragonThreat {
  const { damage, reproducibility, exploitability, affectedUsers, discoverability } = threat.dread;
  return {
    id: `threat-${threat.id}`,
    title: `${threat.id}: ${threat.title}`,
    status: STATUSES[threat.status],
    severity: SEVERITIES[threat.risk],
    type: TYPE_NAMES[threat.category],
    description: `${threat.scenario}\n\nDREAD ${threat.dreadScore.toFixed(1)}: damage ${damage}, reproducibility ${reproducibility}, exploitability ${exploitability}, affected users ${affectedUsers}, discoverability ${discoverability}.`,
    mitigation: mitigationText(threat),
    modelType: threat.framework,
    number,
    score: threat.dreadScore.toFixed(1),
  };
}

function mitigationText(threat: StoredThreat): string {
  const lines = threat.mitigations.map((mitigation) => `- ${mitigation}`);
  const verdict = { open: undefined, mitigated: 'Mitigated', accepted: 'Risk accepted', 'not-applicable': 'Not applicable' }[threat.status];
  if (verdict !== undefined && threat.reason !== undefined) lines.unshift(`${verdict}: ${threat.reason}`);
  else if (threat.status === 'accepted') lines.unshift('Risk accepted.');
  return lines.join('\n');
}

function elementCell(
  id: string,
  name: string,
  kind: (typeof ELEMENT_SHAPES)[ElementKind],
  box: Box,
  zIndex: number,
  threats: ThreatDragonThreat[],
): ThreatDragonCell {
  const body = kind.shape === 'store' ? { topLine: STROKE, bottomLine: STROKE } : { body: STROKE };
  return {
    id,
    shape: kind.shape,
    zIndex,
    visible: true,
    position: { x: box.x, y: box.y },
    size: { width: box.width, height: box.height },
    attrs: { text: { text: name }, ...body },
    data: {
      type: kind.type,
      name,
      description: '',
      isTrustBoundary: false,
      outOfScope: false,
      reasonOutOfScope: '',
      ...kind.flags,
      threats,
      hasOpenThreats: threats.some((threat) => threat.status === 'Open'),
    },
  };
}

function flowCell(id: string, flow: ThreatsFile['flows'][number], source: string, target: string, threats: ThreatDragonThreat[]): ThreatDragonCell {
  return {
    id,
    shape: 'flow',
    zIndex: 10,
    connector: 'smooth',
    source: { cell: source },
    target: { cell: target },
    attrs: { line: { ...STROKE, targetMarker: { name: 'block' } } },
    labels: [
      {
        markup: [
          { tagName: 'ellipse', selector: 'labelBody' },
          { tagName: 'text', selector: 'labelText' },
        ],
        attrs: {
          labelText: { text: flow.data, textAnchor: 'middle', textVerticalAnchor: 'middle' },
          labelBody: { ref: 'labelText', refRx: '50%', refRy: '60%', fill: '#fff', strokeWidth: 0 },
        },
        position: 0.5,
      },
    ],
    data: {
      type: 'tm.Flow',
      name: flow.data,
      description: `Flow ${flow.id}`,
      outOfScope: false,
      reasonOutOfScope: '',
      isBidirectional: false,
      isEncrypted: false,
      isPublicNetwork: false,
      protocol: '',
      isTrustBoundary: false,
      threats,
      hasOpenThreats: threats.some((threat) => threat.status === 'Open'),
    },
  };
}

function boundaryCell(id: string, name: string, box: Box | undefined): ThreatDragonCell {
  if (!box) throw new Error(`no place for boundary "${id}" in the diagram layout`);
  return {
    id,
    shape: 'trust-boundary-box',
    // Below the elements, so clicks reach what sits inside the box.
    zIndex: -1,
    visible: true,
    position: { x: box.x, y: box.y },
    size: { width: box.width, height: box.height },
    attrs: { headerText: { text: name } },
    data: { type: 'tm.BoundaryBox', name, description: '', isTrustBoundary: true, hasOpenThreats: false },
  };
}
