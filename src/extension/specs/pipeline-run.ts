import * as vscode from 'vscode';
import type { PipelineOutcome, PipelineProgress } from '../../core/agents/orchestrator';
import type { PipelineLlm } from '../../core/agents/pipeline-llm';
import { ConfigError } from '../../core/config/load';
import { bundledPrompts } from '../../core/prompts/bundled';
import { pipelineLlmFromConfig } from '../../node/specs/pipeline-llm';
import { editorBudgetQuestion } from '../llm/budget-dialog';
import { extensionLlmHost } from '../llm/extension-llm-host';
import { providerProblem } from '../../core/llm/provider-problem';
import { type SpecHost, whileRunning } from './spec-host';
import { loadSpecProject, type SpecProject } from './spec-project';

/** How a Generate or Resume command ended: the pipeline's outcome, or why it never got one. */
export type PipelineRun =
  | { kind: 'outcome'; outcome: PipelineOutcome }
  | { kind: 'stopped'; reason: 'untrusted' | 'no-task' | 'no-folder' | 'nothing-to-resume' | 'dismissed' | 'config' | 'no-provider' | 'cancelled' | 'error'; message: string };

export interface PipelineStep {
  readonly project: SpecProject;
  readonly llm: PipelineLlm;
  readonly signal: AbortSignal;
  readonly onProgress: (progress: PipelineProgress) => void;
}

/**
 * Runs one pipeline under a cancellable notification: the project is read afresh, a provider must
 * answer first (else one message with the setup steps), and the notification's Cancel aborts the run.
 */
export async function runPipeline(host: SpecHost, folder: vscode.WorkspaceFolder, title: string, run: (step: PipelineStep) => Promise<PipelineOutcome>): Promise<PipelineRun> {
  let project: SpecProject;
  try {
    project = await loadSpecProject(folder);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    host.output.error(error.message);
    void vscode.window.showErrorMessage(`Omni: ${title} needs a valid .omni/config.json: ${error.message}`);
    return { kind: 'stopped', reason: 'config', message: error.message };
  }
  for (const problem of project.problems) host.output.warn(problem);
  const llmHost = extensionLlmHost(host.context.secrets);
  const options = { location: vscode.ProgressLocation.Notification, title: `Omni: ${title}`, cancellable: true };
  return whileRunning(host, folder, async () => vscode.window.withProgress(options, async (progress, token): Promise<PipelineRun> => {
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    try {
      progress.report({ message: 'asking the model provider' });
      const problem = await providerProblem(project.config, llmHost, controller.signal);
      if (problem !== undefined) {
        host.output.error(problem);
        void vscode.window.showErrorMessage(`Omni: ${title} needs a model. ${problem.replace(/\n\s*/g, ' ')}`, 'Show Output').then((choice) => {
          if (choice) host.output.show();
        });
        return { kind: 'stopped', reason: 'no-provider', message: problem };
      }
      const llm = await pipelineLlmFromConfig(project.config, llmHost, {
        prompts: bundledPrompts(),
        askToContinue: editorBudgetQuestion(),
        onTraceError: (error) => host.output.warn(`events.jsonl: an event was not written: ${error instanceof Error ? error.message : String(error)}`),
      });
      const onProgress = ({ step, message }: PipelineProgress): void => {
        host.output.info(`[${step}] ${message}`);
        progress.report({ message });
      };
      const outcome = await run({ project, llm, signal: controller.signal, onProgress });
      return { kind: 'outcome', outcome };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (controller.signal.aborted) {
        host.output.info(`${title} cancelled: ${message}`);
        void vscode.window.showInformationMessage(`Omni: ${title} cancelled. What was written is kept; "Omni: Resume Spec Pipeline" carries on from there.`);
        return { kind: 'stopped', reason: 'cancelled', message };
      }
      host.output.error(`${title} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      void vscode.window.showErrorMessage(`Omni: ${title} failed: ${message}`);
      return { kind: 'stopped', reason: 'error', message };
    } finally {
      cancelled.dispose();
    }
  }));
}
