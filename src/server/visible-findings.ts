import { BaselineMatcher } from '../core/baseline/baseline';
import type { Finding } from '../core/rules/finding';
import type { Project } from './projects';

/** The findings to show: not suppressed inline, by the file, or by the project's baseline. */
export function visibleFindings(project: Project | undefined, path: string, findings: readonly Finding[]): Finding[] {
  const projectPath = project?.relative(path);
  const entries = projectPath !== undefined ? (project?.baselineFor(projectPath) ?? []) : [];
  const marked = projectPath !== undefined && entries.length > 0 ? new BaselineMatcher({ version: 1, findings: [...entries] }).apply(findings, projectPath) : findings;
  return marked.filter((finding) => !finding.suppression);
}
