import { DREAD_COMPONENTS, type Dread, type RiskLevel } from '../schemas/threat-model';

/**
 * Risk bands over the DREAD mean (0-10). The model rates the five factors; the band is computed
 * here, so a model (or a hand edit) cannot talk a threat down to a level that no longer blocks.
 * Mean >= 8 critical, >= 6 high, >= 4 medium, else low.
 */
export const RISK_BANDS: readonly { readonly risk: RiskLevel; readonly minScore: number }[] = [
  { risk: 'critical', minScore: 8 },
  { risk: 'high', minScore: 6 },
  { risk: 'medium', minScore: 4 },
  { risk: 'low', minScore: 0 },
];

/** The mean of the five factors to one decimal. */
export function dreadScore(dread: Dread): number {
  const total = DREAD_COMPONENTS.reduce((sum, component) => sum + dread[component], 0);
  return Math.round((total / DREAD_COMPONENTS.length) * 10) / 10;
}

export function riskFromScore(score: number): RiskLevel {
  return RISK_BANDS.find((band) => score >= band.minScore)?.risk ?? 'low';
}
