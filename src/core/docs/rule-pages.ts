import { BUILTIN_RULES } from '../rules/registry';
import { ruleDocumentation } from './rule-documentation';

/**
 * Where a rule's page lives inside the generated `rules/` folder: `py/bare-except` ->
 * `py/bare-except.md`. The build writes the pages; diagnostics link to them.
 */
export function rulePagePath(ruleId: string): string {
  return `${ruleId}.md`;
}

/** Every built-in rule's documentation page, for the build to write next to the bundle. */
export function rulePages(): { path: string; markdown: string }[] {
  return BUILTIN_RULES.map((rule) => ({ path: rulePagePath(rule.id), markdown: ruleDocumentation(rule) }));
}
