import type { RuleDefinition } from '../../rule';
import { expectUsed } from './expect-used';
import { letUnderscoreResult } from './let-underscore-result';
import { panicUsed } from './panic';
import { todoUsed } from './todo';
import { unimplementedUsed } from './unimplemented';
import { unwrapUsed } from './unwrap-used';

export const rustRules: readonly RuleDefinition[] = [unwrapUsed, expectUsed, panicUsed, todoUsed, unimplementedUsed, letUnderscoreResult];
