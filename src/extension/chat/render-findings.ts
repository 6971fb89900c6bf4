import type { CheckedFile } from './check-files';
import { escapeMarkdown, fileLink } from './markdown';

/** Findings as a markdown list, each linked to its line; then what was hidden or not checked. */
export function renderFindings(files: readonly CheckedFile[], scope: string): string {
  const findings = files.flatMap((file) => file.findings.map((finding) => ({ file, finding })));
  const lines = [findings.length === 0 ? `No finding in ${escapeMarkdown(scope)}.` : `**${findings.length} finding(s)** in ${escapeMarkdown(scope)}:`, ''];
  for (const { file, finding } of findings) {
    const line = finding.range.start.line + 1;
    lines.push(`- ${fileLink(`${file.shown}:${line}`, file.path, line)} ${finding.severity} \`${finding.ruleId}\`: ${escapeMarkdown(finding.message)}`);
  }
  const hidden = files.reduce((sum, file) => sum + file.hidden, 0);
  if (hidden > 0) lines.push('', `${hidden} more suppressed by an \`omni-ignore\` comment or accepted in .omni/baseline.json.`);
  const notes = files.flatMap((file) => file.notes.map((note) => `- ${escapeMarkdown(file.shown)}: ${escapeMarkdown(note)}`));
  if (notes.length > 0) lines.push('', ...notes);
  return lines.join('\n').trim();
}

/** The same as plain text, one finding a line as compilers print them, for a language model tool. */
export function findingsText(files: readonly CheckedFile[]): string {
  const lines: string[] = [];
  let count = 0;
  for (const file of files) {
    for (const finding of file.findings) {
      count++;
      lines.push(`${file.shown}:${finding.range.start.line + 1}:${finding.range.start.column + 1}: ${finding.severity} ${finding.ruleId}: ${finding.message}`);
    }
    for (const note of file.notes) lines.push(`${file.shown}: note: ${note}`);
  }
  const hidden = files.reduce((sum, file) => sum + file.hidden, 0);
  lines.push(`${count} finding(s) in ${files.length} file(s)${hidden > 0 ? `; ${hidden} suppressed or baselined, not listed` : ''}.`);
  return lines.join('\n');
}
