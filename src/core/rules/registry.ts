import { commonRules } from './pack/common';
import { goRules } from './pack/go';
import { jsRules } from './pack/js';
import { metaRules } from './pack/meta';
import { pythonRules } from './pack/python';
import { rustRules } from './pack/rust';
import type { RuleDefinition } from './rule';

/** Every built-in rule, in a stable order (by family, then as each pack lists them). */
export const BUILTIN_RULES: readonly RuleDefinition[] = [
  ...pythonRules,
  ...jsRules,
  ...goRules,
  ...rustRules,
  ...commonRules,
  ...metaRules,
];
