import { z } from 'zod';

/**
 * The parts of an OWASP Threat Dragon v2 model that Threat Dragon requires to open a file, as its
 * v2 JSON schema states them (required fields, integer counters, minimum lengths and sizes), plus
 * the threat fields it shows. Loose objects: Threat Dragon keeps drawing attributes we do not model.
 */
const tdVersion = z.string().min(1).max(10);

export const ThreatDragonThreat = z.looseObject({
  id: z.string().min(2),
  title: z.string(),
  status: z.enum(['Open', 'Mitigated', 'NotApplicable']),
  severity: z.enum(['Low', 'Medium', 'High', 'Critical']),
  type: z.string(),
  description: z.string(),
  mitigation: z.string(),
  modelType: z.enum(['STRIDE', 'LINDDUN']),
  number: z.number().int().min(0),
  score: z.string(),
});
export type ThreatDragonThreat = z.infer<typeof ThreatDragonThreat>;

export const ThreatDragonCell = z.looseObject({
  id: z.string().min(2),
  shape: z.string().min(1),
  zIndex: z.number().int(),
  position: z.object({ x: z.number(), y: z.number() }).optional(),
  size: z.object({ width: z.number().min(10), height: z.number().min(10) }).optional(),
  source: z.looseObject({ cell: z.string().optional() }).optional(),
  target: z.looseObject({ cell: z.string().optional() }).optional(),
  attrs: z.looseObject({ line: z.looseObject({ targetMarker: z.union([z.looseObject({ name: z.string() }), z.string()]) }).optional() }).optional(),
  data: z.looseObject({ name: z.string(), type: z.string(), hasOpenThreats: z.boolean(), threats: z.array(ThreatDragonThreat).optional() }),
});
export type ThreatDragonCell = z.infer<typeof ThreatDragonCell>;

export const ThreatDragonDiagram = z.looseObject({
  id: z.number().int().min(0),
  title: z.string(),
  diagramType: z.string().min(3),
  thumbnail: z.string(),
  version: tdVersion,
  description: z.string().optional(),
  cells: z.array(ThreatDragonCell),
});
export type ThreatDragonDiagram = z.infer<typeof ThreatDragonDiagram>;

export const ThreatDragonModel = z.looseObject({
  version: tdVersion,
  summary: z.looseObject({ title: z.string(), owner: z.string().optional(), description: z.string().optional(), id: z.number().int().min(0).optional() }),
  detail: z.looseObject({
    contributors: z.array(z.looseObject({ name: z.string() })),
    diagrams: z.array(ThreatDragonDiagram),
    diagramTop: z.number().int().min(0),
    reviewer: z.string(),
    threatTop: z.number().int().min(0),
  }),
});
export type ThreatDragonModel = z.infer<typeof ThreatDragonModel>;
