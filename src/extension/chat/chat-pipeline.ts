import type * as vscode from 'vscode';
import type { PipelineOutcome } from '../../core/agents/orchestrator';
import { type SessionStep, runPipelineSession } from '../specs/pipeline-session';
import type { ChatHost } from './chat-host';
import { escapeMarkdown } from './markdown';

/** How a pipeline run asked from chat ended: the pipeline's outcome, or a markdown message saying why it has none. */
export type ChatRun = { kind: 'outcome'; outcome: PipelineOutcome } | { kind: 'stopped'; cancelled: boolean; markdown: string };

/**
 * The spec commands' pipeline with the chat as its progress: each step streamed with `progress`,
 * and the request's cancellation aborting the run.
 */
export async function runInChat(
  host: ChatHost,
  folder: vscode.WorkspaceFolder,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
  run: (step: SessionStep) => Promise<PipelineOutcome>,
): Promise<ChatRun> {
  const end = await runPipelineSession({ folder, secrets: host.secrets, output: host.output, token, report: (message) => stream.progress(message) }, run);
  switch (end.kind) {
    case 'outcome':
      return end;
    case 'config':
      return { kind: 'stopped', cancelled: false, markdown: `The spec pipeline needs a valid \`.omni/config.json\`:\n\n\`\`\`\n${end.message}\n\`\`\`` };
    case 'no-provider':
      return { kind: 'stopped', cancelled: false, markdown: `No model answers, so nothing was sent.\n\n\`\`\`\n${end.message}\n\`\`\`` };
    case 'cancelled':
      return { kind: 'stopped', cancelled: true, markdown: 'Cancelled. What was written is kept; "Omni: Resume Spec Pipeline" carries on from there.' };
    case 'error':
      return { kind: 'stopped', cancelled: false, markdown: `The spec pipeline failed: ${escapeMarkdown(end.message)}` };
  }
}
