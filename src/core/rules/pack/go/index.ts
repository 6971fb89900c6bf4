import type { RuleDefinition } from '../../rule';
import { blankError } from './blank-error';
import { errorfWithoutWrap } from './errorf-without-wrap';
import { panicInLibrary } from './panic-in-library';
import { uncheckedError } from './unchecked-error';
import { unwrappedReturn } from './unwrapped-return';

export const goRules: readonly RuleDefinition[] = [uncheckedError, blankError, errorfWithoutWrap, unwrappedReturn, panicInLibrary];
