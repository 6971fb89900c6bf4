import type * as vscode from 'vscode';
import type { PipelineOutcome, PipelineProgress } from '../../core/agents/orchestrator';
import type { PipelineLlm } from '../../core/agents/pipeline-llm';
import { ConfigError } from '../../core/config/load';
import { providerProblem } from '../../core/llm/provider-problem';
import { bundledPrompts } from '../../core/prompts/bundled';
import { pipelineLlmFromConfig } from '../../node/specs/pipeline-llm';
import { editorBudgetQuestion } from '../llm/budget-dialog';
import { extensionLlmHost } from '../llm/extension-llm-host';
import { loadSpecProject, type SpecProject } from './spec-project';

export interface SessionStep {
  readonly project: SpecProject;
  readonly llm: PipelineLlm;
  readonly signal: AbortSignal;
  readonly onProgress: (progress: PipelineProgress) => void;
}

/** How a pipeline session ended: its outcome, or why it never got one. Each caller words it its own way. */
export type PipelineEnd =
  | { kind: 'outcome'; outcome: PipelineOutcome }
  | { kind: 'config' | 'no-provider' | 'cancelled'; message: string }
  | { kind: 'error'; message: string; error: unknown };

export interface PipelineSession {
  readonly folder: vscode.WorkspaceFolder;
  readonly secrets: vscode.SecretStorage;
  readonly output: vscode.LogOutputChannel;
  /** The caller's Cancel (a notification's button, a chat request stopped): it aborts the run. */
  readonly token: vscode.CancellationToken;
  /** Each step's message, for the caller's progress (a notification, the chat). */
  readonly report: (message: string) => void;
}

/**
 * The one way the editor runs the spec pipeline, whichever surface asked (command, side panel, spec
 * view, chat): the project is read afresh, a provider must answer before anything is written, and
 * the user's providers, prompts and budget question drive the run. Never throws.
 */
export async function runPipelineSession(session: PipelineSession, run: (step: SessionStep) => Promise<PipelineOutcome>): Promise<PipelineEnd> {
  const controller = new AbortController();
  const cancelled = session.token.onCancellationRequested(() => controller.abort());
  try {
    return await runSession(session, controller.signal, run);
  } finally {
    cancelled.dispose();
  }
}

async function runSession(session: PipelineSession, signal: AbortSignal, run: (step: SessionStep) => Promise<PipelineOutcome>): Promise<PipelineEnd> {
  const { output } = session;
  let project: SpecProject;
  try {
    project = await loadSpecProject(session.folder);
  } catch (error) {
    if (error instanceof ConfigError) {
      output.error(error.message);
      return { kind: 'config', message: error.message };
    }
    return failed(output, error);
  }
  for (const problem of project.problems) output.warn(problem);
  const llmHost = extensionLlmHost(session.secrets);
  try {
    session.report('Asking the model provider');
    const problem = await providerProblem(project.config, llmHost, signal);
    if (problem !== undefined) {
      output.error(problem);
      return { kind: 'no-provider', message: problem };
    }
    const llm = await pipelineLlmFromConfig(project.config, llmHost, {
      prompts: bundledPrompts(),
      askToContinue: editorBudgetQuestion(),
      onTraceError: (error) => output.warn(`events.jsonl: an event was not written: ${error instanceof Error ? error.message : String(error)}`),
    });
    const onProgress = ({ step, message }: PipelineProgress): void => {
      output.info(`[${step}] ${message}`);
      session.report(message);
    };
    return { kind: 'outcome', outcome: await run({ project, llm, signal, onProgress }) };
  } catch (error) {
    if (signal.aborted) {
      const message = error instanceof Error ? error.message : String(error);
      output.info(`cancelled: ${message}`);
      return { kind: 'cancelled', message };
    }
    return failed(output, error);
  }
}

function failed(output: vscode.LogOutputChannel, error: unknown): PipelineEnd {
  const message = error instanceof Error ? error.message : String(error);
  output.error(`the spec pipeline failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
  return { kind: 'error', message, error };
}
