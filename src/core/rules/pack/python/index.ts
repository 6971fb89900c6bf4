import type { RuleDefinition } from '../../rule';
import { bareExcept } from './bare-except';

export const pythonRules: readonly RuleDefinition[] = [bareExcept];
