import { DESIGN_DIMENSIONS, type DesignDimension, type DesignReview } from '../schemas/design-review';

/** Overall >= proceed goes on; revise <= overall < proceed goes back to the Architect while rounds remain; below revise stops. */
export const GATE_THRESHOLDS = { proceed: 8, revise: 6 } as const;
export const GATE_DECISIONS = ['proceed', 'revise', 'needs-human'] as const;
export type GateDecision = (typeof GATE_DECISIONS)[number];
export const DEFAULT_MAX_ROUNDS = 2;

const DIMENSION_LABELS: Record<DesignDimension, string> = {
  separationOfConcerns: 'separation of concerns',
  coupling: 'coupling',
  extensibility: 'extensibility',
  failureModes: 'failure modes',
  dataFlow: 'data flow',
  resourceManagement: 'resource management',
  concurrency: 'concurrency',
  backwardCompatibility: 'backward compatibility',
  testability: 'testability',
  operationalReadiness: 'operational readiness',
};

export function dimensionLabel(dimension: DesignDimension): string {
  return DIMENSION_LABELS[dimension];
}

/** The mean of the ten dimension scores to one decimal: computed here, never taken from the model. */
export function overallScore(dimensions: DesignReview['dimensions']): number {
  const total = DESIGN_DIMENSIONS.reduce((sum, dimension) => sum + dimensions[dimension].score, 0);
  return Math.round((total / DESIGN_DIMENSIONS.length) * 10) / 10;
}

export interface GateInput {
  readonly overall: number;
  /** The review round being decided, 1-based: round 1 is the first review of the draft. */
  readonly round: number;
  /** How many reviews a spec gets in all; a spec scoring between the thresholds is revised only while round < maxRounds. */
  readonly maxRounds: number;
  /** When given, the reasons name every dimension below the proceed threshold with its score and rationale. */
  readonly dimensions?: DesignReview['dimensions'];
}

export interface GateOutcome {
  readonly decision: GateDecision;
  readonly reasons: string[];
}

export function gateDecision(input: GateInput): GateOutcome {
  const { overall, round, maxRounds } = input;
  if (!Number.isInteger(maxRounds) || maxRounds < 1) throw new RangeError(`maxRounds must be a whole number of at least 1, got ${maxRounds}`);
  if (!Number.isInteger(round) || round < 1) throw new RangeError(`round must be a whole number of at least 1, got ${round}`);
  const score = `${overall.toFixed(1)}/10`;
  if (overall >= GATE_THRESHOLDS.proceed) {
    return { decision: 'proceed', reasons: [`Overall score ${score} meets the threshold of ${GATE_THRESHOLDS.proceed}: the design proceeds to threat modelling and approval.`] };
  }
  const weak = input.dimensions ? weakDimensions(input.dimensions) : [];
  if (overall < GATE_THRESHOLDS.revise) {
    return {
      decision: 'needs-human',
      reasons: [`Overall score ${score} is below ${GATE_THRESHOLDS.revise}: the design needs a person to rethink it before another revision.`, ...weak],
    };
  }
  if (round < maxRounds) {
    return {
      decision: 'revise',
      reasons: [`Overall score ${score} is below ${GATE_THRESHOLDS.proceed}: the Architect revises the spec with the findings (review ${round} of at most ${maxRounds}).`, ...weak],
    };
  }
  return {
    decision: 'needs-human',
    reasons: [
      `Overall score ${score} is still below ${GATE_THRESHOLDS.proceed} after review ${round} of ${maxRounds}: no automatic revision is left, so a person must improve the spec or raise the round limit.`,
      ...weak,
    ],
  };
}

/** One sentence per dimension below the proceed threshold, lowest first, so the reader knows where to start. */
function weakDimensions(dimensions: DesignReview['dimensions']): string[] {
  return DESIGN_DIMENSIONS.filter((dimension) => dimensions[dimension].score < GATE_THRESHOLDS.proceed)
    .sort((a, b) => dimensions[a].score - dimensions[b].score)
    .map((dimension) => {
      const { score, rationale } = dimensions[dimension];
      const label = DIMENSION_LABELS[dimension];
      return `${label[0]?.toUpperCase() ?? ''}${label.slice(1)} scored ${score}/10: ${rationale.replace(/\s*\.?\s*$/, '')}.`;
    });
}
