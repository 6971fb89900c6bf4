import type { RuleDefinition } from '../../rule';
import { hardcodedConnection } from './hardcoded-connection';
import { hardcodedSecret } from './hardcoded-secret';
import { piiInLog } from './pii-in-log';

export const commonRules: readonly RuleDefinition[] = [hardcodedSecret, hardcodedConnection, piiInLog];
