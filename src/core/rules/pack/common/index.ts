import type { RuleDefinition } from '../../rule';

export const commonRules: readonly RuleDefinition[] = [];
