import { readFileSync } from 'node:fs';
import { DESIGN_DIMENSIONS, type DesignReview } from '../../../src/core/schemas/design-review';
import { ThreatModel } from '../../../src/core/schemas/threat-model';

export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);
export const SHA_C = 'c'.repeat(64);

/** The raw JSON a Threat Modeler could answer: four threats, one per risk level. */
export function modelAnswer(): unknown {
  return JSON.parse(readFileSync(new URL('../../fixtures/gates/threat-model.json', import.meta.url), 'utf8')) as unknown;
}

export function threatModel(): ThreatModel {
  return ThreatModel.parse(modelAnswer());
}

/** Ten dimension scores: all `base`, with `overrides` for the named ones. */
export function dimensions(base: number, overrides: Partial<Record<(typeof DESIGN_DIMENSIONS)[number], number>> = {}): DesignReview['dimensions'] {
  return Object.fromEntries(
    DESIGN_DIMENSIONS.map((dimension) => [dimension, { score: overrides[dimension] ?? base, rationale: `${dimension} rationale` }]),
  ) as DesignReview['dimensions'];
}
