import { relative } from 'node:path';
import type { PipelineOutcome, PipelineProgress } from '../../core/agents/orchestrator';
import type { PipelineLlm } from '../../core/agents/pipeline-llm';
import type { SpecWorkspace } from '../../core/agents/spec-workspace';
import { BudgetSchema, type Budget } from '../../core/llm/budget';
import { OllamaHostError } from '../../core/llm/ollama/host';
import { bundledPrompts } from '../../core/prompts/bundled';
import { nodeLlmHost } from '../../node/llm/node-llm-host';
import { pipelineLlmFromConfig } from '../../node/specs/pipeline-llm';
import { cliBudgetQuestion } from '../budget-question';
import { interruptSignal } from '../interrupt';
import { UsageError } from '../usage-error';
import type { SpecsProject } from './specs-project';

/** The options every command that runs the pipeline takes. */
export interface PipelineCommandOptions {
  json: boolean;
  budget?: Pick<Budget, 'maxTokens' | 'maxCostUsd'>;
  yes: boolean;
  config?: string;
}

/** What the pipeline commands print with `--json`: one stable object for scripts. */
export interface PipelineReport {
  slug: string;
  path: string;
  phase: PipelineOutcome['phase'];
  reasons: string[];
  overall: number | null;
  openThreats: number | null;
  /** Open high or critical threats: each blocks approval. */
  blockingThreats: number | null;
  /** After a failure: the model's answers that never validated, kept for the user to read. */
  keptAnswers: string | null;
}

export interface PipelineInput {
  workspace: SpecWorkspace;
  llm: PipelineLlm;
  signal: AbortSignal;
  onProgress: (progress: PipelineProgress) => void;
}

/**
 * Runs one pipeline entry (`start`) with the project's models, the budget question, progress on
 * standard error and Ctrl-C, then prints the outcome. Exit 0 for any outcome (a known state), 2
 * when no model answers, 130 when interrupted; other errors are thrown for main to report.
 */
export async function runPipelineCommand(
  project: SpecsProject,
  options: PipelineCommandOptions,
  start: (input: PipelineInput) => Promise<PipelineOutcome>,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  // --budget replaces the config's limits for this run; the config's other budget settings stay.
  const config = options.budget ? { ...project.config, budget: BudgetSchema.parse({ ...project.config.budget, maxTokens: undefined, maxCostUsd: undefined, ...options.budget }) } : project.config;
  const interrupt = interruptSignal();
  let outcome: PipelineOutcome;
  try {
    const llm = await pipelineLlmFromConfig(config, nodeLlmHost(), {
      prompts: bundledPrompts(),
      askToContinue: cliBudgetQuestion({ yes: options.yes, input: process.stdin, output: err, signal: interrupt.signal }),
    }).catch((error: unknown) => {
      throw error instanceof OllamaHostError ? new UsageError(error.message) : error;
    });
    // The last progress ('done') repeats the outcome, which goes to standard output instead.
    const onProgress = (progress: PipelineProgress): void => {
      if (progress.step !== 'done') err.write(`omni: ${progress.message}\n`);
    };
    outcome = await start({ workspace: project.workspace, llm, signal: interrupt.signal, onProgress });
  } catch (error) {
    if (interrupt.signal.aborted) return 130;
    if (error instanceof Error && error.name === 'NoProviderError') {
      err.write(`omni: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    interrupt.dispose();
  }
  if (interrupt.signal.aborted) return 130;

  const cwd = process.cwd();
  const report: PipelineReport = {
    slug: outcome.slug,
    path: relative(cwd, outcome.specPath) || outcome.specPath,
    phase: outcome.phase,
    reasons: outcome.reasons,
    overall: outcome.overall ?? null,
    openThreats: outcome.openThreats ?? null,
    blockingThreats: outcome.blockingThreats ?? null,
    keptAnswers: outcome.keptAnswers === undefined ? null : relative(cwd, outcome.keptAnswers) || outcome.keptAnswers,
  };
  if (options.json) out.write(`${JSON.stringify(report, null, 2)}\n`);
  // After a failure the outcome says whether a spec was kept; a first draft that never validated leaves none.
  else writeText(report, outcome.phase !== 'failed' || outcome.keptDraft !== undefined, out);
  return 0;
}

function writeText(report: PipelineReport, written: boolean, out: NodeJS.WritableStream): void {
  const lines = [written ? report.path : `${report.path} (not written)`, `phase: ${report.phase}`];
  if (report.overall !== null) lines.push(`overall: ${report.overall.toFixed(1)}`);
  if (report.openThreats !== null) lines.push(`open threats: ${report.openThreats}${report.blockingThreats ? ` (${report.blockingThreats} blocking approval)` : ''}`);
  for (const reason of report.reasons) lines.push(`  - ${reason}`);
  if (report.keptAnswers !== null) lines.push(`the model's answers: ${report.keptAnswers}`);
  if (report.phase === 'awaiting-approval') lines.push(report.blockingThreats ? `next: omni threats ${report.slug}` : `next: omni approve ${report.slug}`);
  if (report.phase === 'failed') lines.push(`next: omni spec --resume ${report.slug}`);
  if (report.phase === 'needs-human') lines.push(`next: edit ${report.path}, then omni review ${report.slug}`);
  out.write(`${lines.join('\n')}\n`);
}
