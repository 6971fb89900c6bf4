import type { LanguageId } from '../rules/languages';
import { ruleLanguages, type RuleDefinition, type RuleExample } from '../rules/rule';

/** A rule's documentation as Markdown, built from the rule itself so it never drifts. */
export function ruleDocumentation(rule: RuleDefinition): string {
  return [
    `# ${rule.id}: ${rule.title}`,
    '',
    `Severity **${rule.severity}**, category ${rule.category}${rule.cwe !== undefined ? `, CWE-${rule.cwe}` : ''}; languages: ${ruleLanguages(rule).join(', ') || 'all'}.`,
    '',
    rule.rationale,
    '',
    `Equivalents: ${rule.equivalents.join(', ') || 'none'}.`,
    '',
    ...rule.examples.map((example) => exampleSection(example, '###')),
    '',
    `Suppress one finding: \`omni-ignore ${rule.id}: <reason>\` in a comment on the line or the line before.`,
    '',
  ].join('\n');
}

/** What a hover over a finding shows: the rationale and one flagged and one fine example in the file's language. */
export function ruleSummary(rule: RuleDefinition, language: LanguageId): string {
  const inLanguage = rule.examples.filter((example) => example.language === language);
  const pool = inLanguage.length > 0 ? inLanguage : rule.examples;
  const picked = [pool.find((example) => example.kind === 'bad'), pool.find((example) => example.kind === 'good')].filter(
    (example): example is RuleExample => example !== undefined,
  );
  return [`**${rule.id}**: ${rule.title}`, '', rule.rationale, '', ...picked.map((example) => exampleSection(example, '####'))].join('\n');
}

function exampleSection(example: RuleExample, heading: string): string {
  const fence = (code: string): string => `\`\`\`${example.language}\n${code.trimEnd()}\n\`\`\``;
  return (
    `${heading} ${example.kind === 'bad' ? 'Flagged' : 'Fine'} (${example.language})\n\n${fence(example.code)}` +
    (example.fixed !== undefined ? `\n\nAfter the fix:\n\n${fence(example.fixed)}` : '')
  );
}
