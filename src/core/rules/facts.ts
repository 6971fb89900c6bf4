import { goErrorFunctionsIn } from './go-declarations';
import type { LanguageId } from './languages';
import type { BatchFacts } from './rule';

/**
 * Facts that span the files of a batch; today only Go needs them (a package is a directory). They
 * come from the texts, so no file's tree has to wait for the others.
 */
export function collectFacts(language: LanguageId, texts: readonly string[]): BatchFacts {
  if (language !== 'go') return {};
  return { goErrorFunctions: new Set(texts.flatMap(goErrorFunctionsIn)) };
}
