import type * as vscode from 'vscode';
import type { PipelineOutcome, PipelineProgress } from '../../core/agents/orchestrator';
import { ConfigError } from '../../core/config/load';
import { bundledPrompts } from '../../core/prompts/bundled';
import { pipelineLlmFromConfig } from '../../node/specs/pipeline-llm';
import { editorBudgetQuestion } from '../llm/budget-dialog';
import { extensionLlmHost } from '../llm/extension-llm-host';
import type { PipelineStep } from '../specs/pipeline-run';
import { providerProblem } from '../../core/llm/provider-problem';
import { loadSpecProject, type SpecProject } from '../specs/spec-project';
import type { ChatHost } from './chat-host';
import { escapeMarkdown } from './markdown';

/** How a pipeline run asked from chat ended: the pipeline's outcome, or a markdown message saying why it has none. */
export type ChatRun = { kind: 'outcome'; outcome: PipelineOutcome } | { kind: 'stopped'; cancelled: boolean; markdown: string };

/**
 * The spec commands' pipeline, with the chat as its progress: the same project loading, provider
 * check and model layer (the user's configured providers) as "Omni: Generate Spec", each step
 * streamed with `progress`, and the request's cancellation aborting the run.
 */
export async function runInChat(
  host: ChatHost,
  folder: vscode.WorkspaceFolder,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
  run: (step: PipelineStep) => Promise<PipelineOutcome>,
): Promise<ChatRun> {
  let project: SpecProject;
  try {
    project = await loadSpecProject(folder);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    host.output.error(error.message);
    return { kind: 'stopped', cancelled: false, markdown: `The spec pipeline needs a valid \`.omni/config.json\`:\n\n\`\`\`\n${error.message}\n\`\`\`` };
  }
  for (const problem of project.problems) host.output.warn(problem);
  const llmHost = extensionLlmHost(host.secrets);
  const controller = new AbortController();
  const cancelled = token.onCancellationRequested(() => controller.abort());
  try {
    stream.progress('Asking the model provider');
    const problem = await providerProblem(project.config, llmHost, controller.signal);
    if (problem !== undefined) {
      host.output.error(problem);
      return { kind: 'stopped', cancelled: false, markdown: `No model answers, so nothing was sent.\n\n\`\`\`\n${problem}\n\`\`\`` };
    }
    const llm = await pipelineLlmFromConfig(project.config, llmHost, {
      prompts: bundledPrompts(),
      askToContinue: editorBudgetQuestion(),
      onTraceError: (error) => host.output.warn(`events.jsonl: an event was not written: ${error instanceof Error ? error.message : String(error)}`),
    });
    const onProgress = ({ step, message }: PipelineProgress): void => {
      host.output.info(`[${step}] ${message}`);
      stream.progress(message);
    };
    return { kind: 'outcome', outcome: await run({ project, llm, signal: controller.signal, onProgress }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (controller.signal.aborted) {
      host.output.info(`chat pipeline cancelled: ${message}`);
      return { kind: 'stopped', cancelled: true, markdown: 'Cancelled. What was written is kept; "Omni: Resume Spec Pipeline" carries on from there.' };
    }
    host.output.error(`chat pipeline failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    return { kind: 'stopped', cancelled: false, markdown: `The spec pipeline failed: ${escapeMarkdown(message)}` };
  } finally {
    cancelled.dispose();
  }
}
