import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { OUTPUT_SCHEMAS } from '../../../src/core/schemas/registry';

/** One answer a careful model could give for each registered format. */
const SAMPLES: Record<string, unknown> = {
  'spec-draft': {
    title: 'Rate limiter',
    summary: 'Limit each API client to a fixed request rate.',
    complexity: 'medium',
    estimatedFiles: 4,
    estimatedTestCoverage: 90,
    riskAssessment: 'Low: behind a flag.',
    requiresMigration: false,
    breakingChanges: false,
    requirements: {
      functional: [{ id: 'R1', statement: 'Reject the 11th request within a second with 429.', acceptanceCriteria: ['11 requests in 1 s from one key: the last gets 429 with Retry-After'] }],
      nonFunctional: ['p99 overhead under 1 ms'],
    },
    constraints: 'Single process.',
    dataModels: 'Token bucket per key.',
    apiContracts: '429 with Retry-After.',
    errorTaxonomy: 'Store unavailable: fail open, logged.',
    securityConsiderations: 'Keys are hashed before use as map keys.',
    testingStrategy: 'Unit tests with an injected clock.',
    architectureDecision: 'Token bucket over sliding window: O(1) memory per key.',
    dependencies: 'None.',
    rollbackPlan: 'Turn the flag off.',
  },
  'design-review': {
    dimensions: Object.fromEntries(
      ['separationOfConcerns', 'coupling', 'extensibility', 'failureModes', 'dataFlow', 'resourceManagement', 'concurrency', 'backwardCompatibility', 'testability', 'operationalReadiness'].map((d) => [d, { score: 7, rationale: 'ok' }]),
    ),
    findings: [{ dimension: 'failureModes', severity: 'medium', title: 'Fail-open unbounded', detail: 'No limit on how long.', location: 'Error Taxonomy', suggestion: 'Alert after 5 minutes.' }],
    summary: 'Mostly sound.',
  },
  'threat-model': {
    elements: [{ id: 'api', name: 'API server', kind: 'process', trustBoundary: 'dc' }, { id: 'client', name: 'Client', kind: 'externalEntity' }],
    flows: [{ id: 'F1', from: 'client', to: 'api', data: 'API key, request' }],
    boundaries: [{ id: 'dc', name: 'Data centre' }],
    threats: [{ id: 'T1', title: 'Key spoofing', framework: 'STRIDE', category: 'spoofing', target: 'F1', scenario: 'A leaked key is replayed.', dread: { damage: 7, reproducibility: 8, exploitability: 6, affectedUsers: 5, discoverability: 6 }, mitigations: ['Rotate keys'] }],
    assumptions: ['TLS terminates at the load balancer.'],
  },
};

describe('agent output schemas', () => {
  it.each([...OUTPUT_SCHEMAS.values()].map((output) => [output.name, output] as const))('%s converts to a JSON schema and accepts a careful answer', (name, output) => {
    const json = z.toJSONSchema(output.schema) as { type?: string; required?: string[] };
    expect(json.type).toBe('object');
    expect(json.required?.length).toBeGreaterThan(0);
    expect(output.schema.safeParse(SAMPLES[name]).error).toBeUndefined();
  });

  it('rejects what the gates depend on: scores outside 0-10, requirement ids, unknown threat categories', () => {
    const review = structuredClone(SAMPLES['design-review']) as { dimensions: Record<string, { score: number }> };
    review.dimensions.coupling = { score: 11, rationale: 'x' } as { score: number };
    expect(OUTPUT_SCHEMAS.get('design-review')?.schema.safeParse(review).success).toBe(false);
    const spec = structuredClone(SAMPLES['spec-draft']) as { requirements: { functional: { id: string }[] } };
    spec.requirements.functional[0] = { ...spec.requirements.functional[0], id: 'REQ-1' };
    expect(OUTPUT_SCHEMAS.get('spec-draft')?.schema.safeParse(spec).success).toBe(false);
    const threats = structuredClone(SAMPLES['threat-model']) as { threats: { category: string }[] };
    threats.threats[0] = { ...threats.threats[0], category: 'phishing' };
    expect(OUTPUT_SCHEMAS.get('threat-model')?.schema.safeParse(threats).success).toBe(false);
  });
});
