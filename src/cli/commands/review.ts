import { reviewSpecAgain } from '../../core/agents/orchestrator';
import { runPipelineCommand, type PipelineCommandOptions } from '../specs/pipeline-run';
import { specSlug } from '../specs/spec-target';
import { openSpecsProject } from '../specs/specs-project';

/**
 * `omni review <spec>`: checks and reviews the spec as it is on disk now (after a hand edit), then,
 * as the gate decides, revises it or models its threats. Exit codes as `omni spec`.
 */
export async function review(target: string, options: PipelineCommandOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const project = await openSpecsProject(options.config);
  const slug = await specSlug(project.workspace, target, process.cwd());
  return runPipelineCommand(project, options, (input) => reviewSpecAgain({ ...input, slug }), out, err);
}
