import * as vscode from 'vscode';
import type { PipelineOutcome } from '../../core/agents/orchestrator';
import { type SessionStep, runPipelineSession } from './pipeline-session';
import { type SpecHost, whileRunning } from './spec-host';

export type { SessionStep } from './pipeline-session';

/** How a Generate or Resume command ended: the pipeline's outcome, or why it never got one. */
export type PipelineRun =
  | { kind: 'outcome'; outcome: PipelineOutcome }
  | { kind: 'stopped'; reason: 'untrusted' | 'no-task' | 'no-folder' | 'nothing-to-resume' | 'dismissed' | 'config' | 'no-provider' | 'cancelled' | 'error'; message: string };

/**
 * Runs one pipeline under a cancellable notification (the notification's Cancel aborts the run) and
 * tells the user how it ended when it has no outcome: a bad config, no model, cancelled, failed.
 */
export async function runPipeline(host: SpecHost, folder: vscode.WorkspaceFolder, title: string, run: (step: SessionStep) => Promise<PipelineOutcome>): Promise<PipelineRun> {
  const options = { location: vscode.ProgressLocation.Notification, title: `Omni: ${title}`, cancellable: true };
  const end = await whileRunning(host, folder, async () =>
    vscode.window.withProgress(options, (progress, token) =>
      runPipelineSession({ folder, secrets: host.context.secrets, output: host.output, token, report: (message) => progress.report({ message }) }, run),
    ),
  );
  switch (end.kind) {
    case 'outcome':
      return end;
    case 'config':
      void vscode.window.showErrorMessage(`Omni: ${title} needs a valid .omni/config.json: ${end.message}`);
      break;
    case 'no-provider':
      void vscode.window.showErrorMessage(`Omni: ${title} needs a model. ${end.message.replace(/\n\s*/g, ' ')}`, 'Show Output').then((choice) => {
        if (choice) host.output.show();
      });
      break;
    case 'cancelled':
      void vscode.window.showInformationMessage(`Omni: ${title} cancelled. What was written is kept; "Omni: Resume Spec Pipeline" carries on from there.`);
      break;
    case 'error':
      void vscode.window.showErrorMessage(`Omni: ${title} failed: ${end.message}`);
      break;
  }
  return { kind: 'stopped', reason: end.kind, message: end.message };
}
