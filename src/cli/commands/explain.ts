import { BUILTIN_RULES } from '../../core/rules/registry';
import { ruleLanguages } from '../../core/rules/rule';
import { UsageError } from '../usage-error';

/** `omni explain <rule-id>`: the rule's documentation, built from the rule itself. */
export function explain(ruleId: string, out: NodeJS.WritableStream): number {
  const rule = BUILTIN_RULES.find((candidate) => candidate.id === ruleId);
  if (!rule) {
    const close = BUILTIN_RULES.filter((candidate) => candidate.id.includes(ruleId.split('/').pop() ?? ruleId)).map((candidate) => candidate.id);
    throw new UsageError(`unknown rule "${ruleId}"${close.length ? `; did you mean ${close.join(', ')}?` : ''} (\`omni rules\` lists them all)`);
  }
  const lines = [
    `${rule.id}: ${rule.title}`,
    '',
    `severity: ${rule.severity}   category: ${rule.category}${rule.cwe !== undefined ? `   CWE-${rule.cwe}` : ''}`,
    `languages: ${ruleLanguages(rule).join(', ') || 'all'}`,
    `fix: ${rule.fix ? 'yes' : 'no'}${rule.spare?.length ? `   quiet in: ${rule.spare.join(', ')}` : ''}`,
    `equivalents: ${rule.equivalents.join(', ') || 'none'}`,
    '',
    rule.rationale,
  ];
  for (const example of rule.examples) {
    lines.push('', `${example.kind === 'bad' ? 'Flagged' : 'Fine'} (${example.language}${example.path ? `, ${example.path}` : ''}):`, '');
    lines.push(...example.code.trimEnd().split('\n').map((line) => `    ${line}`));
    if (example.fixed !== undefined) {
      lines.push('', 'After the fix:', '');
      lines.push(...example.fixed.trimEnd().split('\n').map((line) => `    ${line}`));
    }
  }
  lines.push('', `Suppress one finding with a comment: omni-ignore ${rule.id}: <reason>`);
  out.write(`${lines.join('\n')}\n`);
  return 0;
}
