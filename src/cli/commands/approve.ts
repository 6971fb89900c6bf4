import { relative } from 'node:path';
import { approveSpec } from '../../core/agents/approve';
import { defaultApprover } from '../specs/approver';
import { specSlug } from '../specs/spec-target';
import { openSpecsProject } from '../specs/specs-project';
import { UsageError } from '../usage-error';

/**
 * `omni approve <spec>`: records who and when (and the spec's hash) through the one approval path
 * the extension uses too. Exit 0 approved, 1 refused by the gates (with the reasons).
 */
export async function approve(target: string, options: { by?: string; config?: string }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const project = await openSpecsProject(options.config);
  const cwd = process.cwd();
  const slug = await specSlug(project.workspace, target, cwd);
  const by = options.by?.trim() || (await defaultApprover(project.root));
  if (!by) throw new UsageError('cannot tell who approves: pass --by <name> or set `git config user.name`');
  const at = new Date();
  const result = await approveSpec({ workspace: project.workspace, slug, by, at });
  const path = relative(cwd, project.workspace.open(slug).specPath);
  if (!result.approved) {
    err.write(`omni: approval of ${slug} refused:\n${result.reasons.map((reason) => `  - ${reason}\n`).join('')}`);
    return 1;
  }
  out.write(`${path}: approved by ${by} at ${at.toISOString()}\n`);
  return 0;
}
