import { LANGUAGE_IDS } from '../../core/rules/languages';
import { BUILTIN_RULES } from '../../core/rules/registry';
import { ruleLanguages, type RuleDefinition } from '../../core/rules/rule';

/** `omni rules`: every rule with its languages and the equivalent checks in other tools. */
export function listRules(format: 'text' | 'json', out: NodeJS.WritableStream): number {
  if (format === 'json') {
    out.write(`${JSON.stringify(BUILTIN_RULES.map(ruleSummary), null, 2)}\n`);
    return 0;
  }
  const rows = BUILTIN_RULES.map((rule) => [rule.id, rule.severity, languagesOf(rule), rule.fix ? 'fix' : '', rule.title, rule.equivalents.join(' ')]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  for (const row of rows) {
    out.write(`${row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ').trimEnd()}\n`);
  }
  out.write(`${BUILTIN_RULES.length} rules. \`omni explain <rule-id>\` shows a rule's rationale and examples.\n`);
  return 0;
}

export function ruleSummary(rule: RuleDefinition): Record<string, unknown> {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    ...(rule.cwe !== undefined ? { cwe: `CWE-${rule.cwe}` } : {}),
    languages: ruleLanguages(rule),
    fix: rule.fix ? true : false,
    equivalents: rule.equivalents,
    message: rule.message,
    rationale: rule.rationale,
  };
}

function languagesOf(rule: RuleDefinition): string {
  const languages = ruleLanguages(rule);
  if (languages.length === 0) return 'all';
  if (languages.length === LANGUAGE_IDS.length) return 'all';
  return languages.join(',');
}
