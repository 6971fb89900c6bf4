import { z } from 'zod';
import { defineOutputSchema } from './output-schema';

const text = z.string().trim().min(1);
const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'ids are short words: E1, web-app, T3');

export const STRIDE = ['spoofing', 'tampering', 'repudiation', 'informationDisclosure', 'denialOfService', 'elevationOfPrivilege'] as const;
export const LINDDUN = ['linking', 'identifying', 'nonRepudiation', 'detecting', 'dataDisclosure', 'unawareness', 'nonCompliance'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const ELEMENT_KINDS = ['process', 'dataStore', 'externalEntity'] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

/** The five DREAD factors, in their usual order. */
export const DREAD_COMPONENTS = ['damage', 'reproducibility', 'exploitability', 'affectedUsers', 'discoverability'] as const;
export type DreadComponent = (typeof DREAD_COMPONENTS)[number];

const dreadFactor = (meaning: string): z.ZodNumber => z.number().int().min(0).max(10).describe(meaning);

export const Dread = z.object({
  damage: dreadFactor('how bad the harm is if the attack succeeds: 0 none, 10 complete compromise or data loss'),
  reproducibility: dreadFactor('how reliably the attack works: 0 almost never, 10 every time'),
  exploitability: dreadFactor('how little skill and access it takes: 0 expert with inside access, 10 anyone with a browser'),
  affectedUsers: dreadFactor('how many users are affected: 0 none, 10 all of them'),
  discoverability: dreadFactor('how easy the weakness is to find: 0 needs the source and luck, 10 visible in normal use'),
});
export type Dread = z.infer<typeof Dread>;

export const ModelElement = z.object({
  id,
  name: text,
  kind: z.enum(ELEMENT_KINDS),
  trustBoundary: id.optional().describe('id of the boundary the element sits inside'),
});

export const ModelFlow = z.object({
  id,
  from: id,
  to: id,
  data: text.describe('what crosses, including any personal or secret data'),
});

export const ModelBoundary = z.object({ id, name: text });

export const Threat = z.object({
  id,
  title: text,
  framework: z.enum(['STRIDE', 'LINDDUN']),
  category: z.enum([...STRIDE, ...LINDDUN]),
  target: id.describe('id of the element or flow the threat applies to'),
  scenario: text,
  dread: Dread.describe('DREAD rating; the risk level is computed from it'),
  mitigations: z.array(text).describe('empty when none is known: a high or critical threat without one blocks approval'),
});
export type Threat = z.infer<typeof Threat>;

/** The data-flow model the threats refer to; the threats file stores the same shape. */
export interface DataFlowModel {
  readonly elements: readonly { id: string; trustBoundary?: string | undefined }[];
  readonly flows: readonly { id: string; from: string; to: string }[];
  readonly boundaries: readonly { id: string }[];
  readonly threats: readonly { id: string; framework: string; category: string; target: string }[];
}

export interface ModelProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * What makes a model unusable even when every field is well formed: duplicate ids, flows or threats
 * pointing at ids that do not exist, a category filed under the wrong framework. Each message names
 * the bad id, so a model's repair round (and a person editing threats.json) knows what to fix.
 */
export function dataFlowProblems(model: DataFlowModel): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const seen = new Map<string, string>();
  const claim = (kind: string, itemId: string, path: (string | number)[]): void => {
    const owner = seen.get(itemId);
    if (owner) problems.push({ path, message: `id "${itemId}" is used by more than one ${owner === kind ? kind : `${owner} and ${kind}`}: ids must be unique` });
    else seen.set(itemId, kind);
  };
  model.boundaries.forEach((boundary, index) => claim('boundary', boundary.id, ['boundaries', index, 'id']));
  model.elements.forEach((element, index) => claim('element', element.id, ['elements', index, 'id']));
  model.flows.forEach((flow, index) => claim('flow', flow.id, ['flows', index, 'id']));
  model.threats.forEach((threat, index) => claim('threat', threat.id, ['threats', index, 'id']));

  const boundaries = new Set(model.boundaries.map((boundary) => boundary.id));
  const elements = new Set(model.elements.map((element) => element.id));
  const flows = new Set(model.flows.map((flow) => flow.id));
  model.elements.forEach((element, index) => {
    if (element.trustBoundary !== undefined && !boundaries.has(element.trustBoundary)) {
      problems.push({ path: ['elements', index, 'trustBoundary'], message: `element "${element.id}" sits in boundary "${element.trustBoundary}", which is not a boundary id` });
    }
  });
  model.flows.forEach((flow, index) => {
    for (const end of ['from', 'to'] as const) {
      if (!elements.has(flow[end])) problems.push({ path: ['flows', index, end], message: `flow "${flow.id}" goes ${end} "${flow[end]}", which is not an element id` });
    }
  });
  model.threats.forEach((threat, index) => {
    if (!elements.has(threat.target) && !flows.has(threat.target)) {
      problems.push({ path: ['threats', index, 'target'], message: `threat "${threat.id}" targets "${threat.target}", which is not an element or flow id` });
    }
    const categories: readonly string[] = threat.framework === 'STRIDE' ? STRIDE : LINDDUN;
    if (!categories.includes(threat.category)) {
      problems.push({ path: ['threats', index, 'category'], message: `threat "${threat.id}" is filed under ${threat.framework} but "${threat.category}" is not a ${threat.framework} category` });
    }
  });
  return problems;
}

/** Reports `dataFlowProblems` as zod issues, so they reach the model's repair round and the file's reader. */
export function checkDataFlow(model: DataFlowModel, context: z.core.$RefinementCtx): void {
  for (const problem of dataFlowProblems(model)) context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
}

/** What the Threat Modeler returns: a data-flow model of the design and its threats, rated with DREAD. */
export const ThreatModel = z
  .object({
    elements: z.array(ModelElement).min(1),
    flows: z.array(ModelFlow),
    boundaries: z.array(ModelBoundary),
    threats: z.array(Threat),
    assumptions: z.array(text),
  })
  .superRefine(checkDataFlow);
export type ThreatModel = z.infer<typeof ThreatModel>;

export const threatModelOutput = defineOutputSchema('threat-model', "the Threat Modeler's STRIDE and LINDDUN threat model with DREAD ratings", ThreatModel);
