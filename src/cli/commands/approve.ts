import { relative } from 'node:path';
import { approveSpec, rejectSpec } from '../../core/agents/approve';
import { defaultApprover } from '../specs/approver';
import { specSlug } from '../specs/spec-target';
import { openSpecsProject, type SpecsProject } from '../specs/specs-project';
import { UsageError } from '../usage-error';

interface Verdict {
  project: SpecsProject;
  slug: string;
  by: string;
  /** spec.md as the user would type it from the current folder. */
  shown: string;
}

/** The spec named on the command line and the person giving the verdict. */
async function verdict(target: string, options: { by?: string; config?: string }): Promise<Verdict> {
  const project = await openSpecsProject(options.config);
  const slug = await specSlug(project.workspace, target, process.cwd());
  const by = options.by?.trim() || (await defaultApprover(project.root));
  if (!by) throw new UsageError('cannot tell who you are: pass --by <name> or set `git config user.name`');
  return { project, slug, by, shown: relative(process.cwd(), project.workspace.open(slug).specPath) };
}

/**
 * `omni approve <spec>`: records who and when (and the spec's hash) through the one approval path
 * the extension uses too. Exit 0 approved, 1 refused by the gates (with the reasons).
 */
export async function approve(target: string, options: { by?: string; json: boolean; config?: string }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { project, slug, by, shown } = await verdict(target, options);
  const at = new Date();
  const result = await approveSpec({ workspace: project.workspace, slug, by, at });
  if (options.json) {
    const report = result.approved ? { slug, path: shown, approved: true, by, at: at.toISOString(), specSha256: result.specSha256 } : { slug, path: shown, approved: false, reasons: result.reasons };
    out.write(`${JSON.stringify(report, null, 2)}\n`);
  } else if (result.approved) {
    out.write(`${shown}: approved by ${by} at ${at.toISOString()}\n`);
  } else {
    err.write(`omni: approval of ${slug} refused:\n${result.reasons.map((reason) => `  - ${reason}\n`).join('')}`);
  }
  return result.approved ? 0 : 1;
}

/** `omni reject <spec> --reason <why>`: the spec is turned down; its status and log say who and why. */
export async function reject(target: string, options: { by?: string; reason: string; config?: string }, out: NodeJS.WritableStream): Promise<number> {
  if (options.reason.trim() === '') throw new UsageError('say why the spec is rejected: --reason "<why>"');
  const { project, slug, by, shown } = await verdict(target, options);
  await rejectSpec({ workspace: project.workspace, slug, by, at: new Date(), reason: options.reason });
  out.write(`${shown}: rejected by ${by}\n`);
  return 0;
}
