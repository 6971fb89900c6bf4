import type { RuleDefinition } from '../../rule';
import { bareExcept } from './bare-except';
import { broadExcept } from './broad-except';
import { loggingEagerFormat } from './logging-eager-format';
import { methodLruCache } from './method-lru-cache';
import { mutableDefaultArg } from './mutable-default-arg';
import { openWithoutWith } from './open-without-with';
import { printCall } from './print-call';
import { raiseWithoutFrom } from './raise-without-from';
import { sqlStringFormat } from './sql-string-format';
import { swallowedException } from './swallowed-exception';

export const pythonRules: readonly RuleDefinition[] = [
  bareExcept,
  swallowedException,
  broadExcept,
  raiseWithoutFrom,
  printCall,
  loggingEagerFormat,
  mutableDefaultArg,
  openWithoutWith,
  sqlStringFormat,
  methodLruCache,
];
