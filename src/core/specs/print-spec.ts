import { stringify } from 'yaml';
import type { SpecDraft } from '../schemas/spec-draft';
import { matchRequirementId } from './requirements';
import { SPEC_SECTIONS } from './sections';
import type { SpecStatus } from './spec-frontmatter';

export interface SpecMeta {
  taskId: string;
  status: SpecStatus;
  /** role -> "provider/model" that wrote or reviewed the spec. */
  models?: Record<string, string>;
  /** prompt id -> version used. */
  promptVersions?: Record<string, number>;
}

/**
 * The spec file for a draft: frontmatter, `# title`, the summary, then the ten sections in order.
 * Requirements print as `### Functional` / `#### R1: statement` / a list of criteria, then
 * `### Non-functional` / `- NFR1: ...`; parseSpec reads that layout back.
 */
export function printSpec(draft: SpecDraft, meta: SpecMeta): string {
  const frontmatter = {
    task_id: meta.taskId,
    title: oneLine(draft.title),
    status: meta.status,
    complexity: draft.complexity,
    estimated_files: draft.estimatedFiles,
    estimated_test_coverage: draft.estimatedTestCoverage,
    risk_assessment: draft.riskAssessment.trim(),
    requires_migration: draft.requiresMigration,
    breaking_changes: draft.breakingChanges,
    ...(meta.models ? { models: meta.models } : {}),
    ...(meta.promptVersions ? { prompt_versions: meta.promptVersions } : {}),
  };
  const parts = [`---\n${stringify(frontmatter, { lineWidth: 0 })}---`, `# ${oneLine(draft.title)}`, markdown(draft.summary)];
  for (const section of SPEC_SECTIONS) {
    parts.push(`## ${section.title}`);
    parts.push(section.key === 'requirements' ? requirements(draft.requirements) : markdown(draft[section.key]));
  }
  return `${parts.join('\n\n')}\n`;
}

function requirements(draft: SpecDraft['requirements']): string {
  const parts = ['### Functional'];
  for (const requirement of draft.functional) {
    parts.push(`#### ${requirement.id}: ${oneLine(withoutId(requirement.statement))}`);
    parts.push(requirement.acceptanceCriteria.map((criterion) => `- ${indentContinuation(markdown(criterion))}`).join('\n'));
  }
  if (draft.nonFunctional.length > 0) {
    parts.push('### Non-functional');
    parts.push(draft.nonFunctional.map((text, index) => `- NFR${index + 1}: ${indentContinuation(markdown(withoutId(text)))}`).join('\n'));
  }
  return parts.join('\n\n');
}

/** A model's Markdown made safe to sit inside a section: its level-1/2 headings would end the section, so they become level 3. */
function markdown(text: string): string {
  let fence: string | undefined;
  const lines = text.trim().replace(/\r\n/g, '\n').split('\n');
  return lines
    .map((line, index) => {
      const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (fence === undefined || marker.startsWith(fence))) {
        fence = fence === undefined ? marker : undefined;
        return line;
      }
      if (fence !== undefined) return line;
      if (/^\s{0,3}#{1,2}(\s|$)/.test(line)) return line.replace(/^(\s{0,3})#{1,2}/, '$1###');
      // A `---` or `===` line under text would turn that text into a level-2 heading (setext).
      if (/^\s{0,3}(-{2,}|={2,})\s*$/.test(line) && (lines[index - 1] ?? '').trim() !== '') return `\n${line}`;
      return line;
    })
    .join('\n');
}

function withoutId(text: string): string {
  return matchRequirementId(text)?.rest ?? text.trim();
}

function indentContinuation(text: string): string {
  return text.replace(/\n(?=.)/g, '\n  ');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
