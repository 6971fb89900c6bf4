import type { RuleDefinition } from '../../rule';
import { catchAny } from './catch-any';
import { catchLogOnly } from './catch-log-only';
import { consoleCall } from './console';
import { emptyCatch } from './empty-catch';
import { sqlInjection } from './sql-injection';
import { throwLiteral } from './throw-literal';

export const jsRules: readonly RuleDefinition[] = [catchAny, emptyCatch, catchLogOnly, throwLiteral, consoleCall, sqlInjection];
