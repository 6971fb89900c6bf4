import { resumeSpecPipeline, runSpecPipeline } from '../../core/agents/orchestrator';
import { providerProblem } from '../../core/llm/provider-problem';
import { nodeLlmHost } from '../../node/llm/node-llm-host';
import { runPipelineCommand, type PipelineCommandOptions } from '../specs/pipeline-run';
import { specSlug } from '../specs/spec-target';
import { openSpecsProject } from '../specs/specs-project';
import { UsageError } from '../usage-error';

export interface SpecOptions extends PipelineCommandOptions {
  resume?: string;
  maxRounds?: number;
}

/**
 * `omni spec "<task>"` (or `--resume <spec>`): runs the pipeline without questions up to the
 * approval gate. Exit 0 whenever it stops in a known state, including a failure that kept the draft;
 * 2 for usage, config and environment errors (no model answering); 130 on Ctrl-C.
 */
export async function spec(task: string | undefined, options: SpecOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (task !== undefined && options.resume !== undefined) throw new UsageError('give a task or --resume <spec>, not both');
  if (options.resume !== undefined && options.maxRounds !== undefined) throw new UsageError('--max-rounds is set when a pipeline starts; a resumed one keeps its own');
  const project = await openSpecsProject(options.config);
  if (options.resume !== undefined) {
    const slug = await specSlug(project.workspace, options.resume, process.cwd());
    return runPipelineCommand(project, options, (input) => resumeSpecPipeline({ ...input, slug }), out, err);
  }
  const text = task?.trim() ?? '';
  if (text === '') throw new UsageError('say what to build: omni spec "<task>" (or omni spec --resume <spec>)');
  // Asked before the spec folder exists, so a missing Ollama never leaves a failed spec behind.
  const problem = await providerProblem(project.config, nodeLlmHost(), new AbortController().signal);
  if (problem !== undefined) {
    err.write(`omni: ${problem}\n`);
    return 2;
  }
  const maxReviewRounds = options.maxRounds ?? project.config.specs.maxReviewRounds;
  return runPipelineCommand(project, options, (input) => runSpecPipeline({ ...input, task: text, maxReviewRounds }), out, err);
}
