import type { RuleDefinition } from '../../rule';

export const goRules: readonly RuleDefinition[] = [];
