import { ruleLanguages, type RuleDefinition } from '../core/rules/rule';

/** A rule's documentation as Markdown, built from the rule itself so it never drifts. */
export function ruleDocumentation(rule: RuleDefinition): string {
  const examples = rule.examples.map(
    (example) =>
      `### ${example.kind === 'bad' ? 'Flagged' : 'Fine'} (${example.language})\n\n\`\`\`${example.language}\n${example.code.trimEnd()}\n\`\`\`` +
      (example.fixed !== undefined ? `\n\nAfter the fix:\n\n\`\`\`${example.language}\n${example.fixed.trimEnd()}\n\`\`\`` : ''),
  );
  return [
    `# ${rule.id}: ${rule.title}`,
    '',
    `Severity **${rule.severity}**, category ${rule.category}${rule.cwe !== undefined ? `, CWE-${rule.cwe}` : ''}; languages: ${ruleLanguages(rule).join(', ') || 'all'}.`,
    '',
    rule.rationale,
    '',
    `Equivalents: ${rule.equivalents.join(', ') || 'none'}.`,
    '',
    ...examples,
    '',
    `Suppress one finding: \`omni-ignore ${rule.id}: <reason>\` in a comment on the line or the line before.`,
    '',
  ].join('\n');
}
