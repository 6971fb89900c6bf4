import type { RuleDefinition } from '../../rule';

export const rustRules: readonly RuleDefinition[] = [];
