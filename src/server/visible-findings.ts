import { openFindings } from '../core/baseline/baseline';
import type { Finding } from '../core/rules/finding';
import type { Project } from './projects';

/** The findings to show: not suppressed inline, by the file, or by the project's baseline. */
export function visibleFindings(project: Project | undefined, path: string, findings: readonly Finding[]): Finding[] {
  const projectPath = project?.relative(path);
  if (projectPath === undefined) return findings.filter((finding) => !finding.suppression);
  return openFindings(findings, projectPath, project?.baselineFor(projectPath) ?? []);
}
