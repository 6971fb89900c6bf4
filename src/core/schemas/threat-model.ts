import { z } from 'zod';
import { defineOutputSchema } from './output-schema';

const text = z.string().trim().min(1);
const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'ids are short words: E1, web-app, T3');

export const STRIDE = ['spoofing', 'tampering', 'repudiation', 'informationDisclosure', 'denialOfService', 'elevationOfPrivilege'] as const;
export const LINDDUN = ['linking', 'identifying', 'nonRepudiation', 'detecting', 'dataDisclosure', 'unawareness', 'nonCompliance'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;

const Element = z.object({
  id,
  name: text,
  kind: z.enum(['process', 'dataStore', 'externalEntity']),
  trustBoundary: id.optional().describe('id of the boundary the element sits inside'),
});

const Flow = z.object({
  id,
  from: id,
  to: id,
  data: text.describe('what crosses, including any personal or secret data'),
});

const Threat = z.object({
  id,
  title: text,
  framework: z.enum(['STRIDE', 'LINDDUN']),
  category: z.enum([...STRIDE, ...LINDDUN]),
  target: id.describe('id of the element or flow the threat applies to'),
  scenario: text,
  likelihood: z.enum(RISK_LEVELS),
  impact: z.enum(RISK_LEVELS),
  risk: z.enum(RISK_LEVELS),
  mitigations: z.array(text).describe('empty when none is known: a high or critical threat without one blocks approval'),
});

/** What the Threat Modeler returns: a data-flow model of the design and its threats. */
export const ThreatModel = z.object({
  elements: z.array(Element).min(1),
  flows: z.array(Flow),
  boundaries: z.array(z.object({ id, name: text })),
  threats: z.array(Threat),
  assumptions: z.array(text),
});
export type ThreatModel = z.infer<typeof ThreatModel>;

export const threatModelOutput = defineOutputSchema('threat-model', "the Threat Modeler's STRIDE and LINDDUN threat model", ThreatModel);
