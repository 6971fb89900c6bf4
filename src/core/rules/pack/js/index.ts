import type { RuleDefinition } from '../../rule';

export const jsRules: readonly RuleDefinition[] = [];
