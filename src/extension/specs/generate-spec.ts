import * as vscode from 'vscode';
import { runSpecPipeline } from '../../core/agents/orchestrator';
import { reportOutcome } from './outcome-message';
import { runPipeline, type PipelineRun } from './pipeline-run';
import type { SpecHost } from './spec-host';
import { folderForNewSpec } from './spec-project';
import { trustedFor } from './workspace-trust';

const TITLE = 'Generate Spec';

/**
 * "Omni: Generate Spec": a one-line task (asked, unless a caller passes it) drafted, checked,
 * reviewed and threat-modelled up to the approval gate.
 */
export async function generateSpec(host: SpecHost, taskArgument?: unknown): Promise<PipelineRun> {
  if (!trustedFor(TITLE)) return { kind: 'stopped', reason: 'untrusted', message: 'Restricted Mode' };
  const folder = await folderForNewSpec();
  if (!folder) {
    void vscode.window.showWarningMessage('Omni: Generate Spec needs a folder: open the project the spec is for.');
    return { kind: 'stopped', reason: 'no-folder', message: 'no workspace folder is open' };
  }
  const task =
    typeof taskArgument === 'string' && taskArgument.trim() !== ''
      ? taskArgument.trim()
      : (
          await vscode.window.showInputBox({
            title: 'Omni: Generate Spec',
            prompt: 'What should be built? One line; the Architect drafts the spec from it and the workspace.',
            placeHolder: 'Add rate limiting to the public API',
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() === '' ? 'Describe the task in one line.' : undefined),
          })
        )?.trim();
  if (!task) return { kind: 'stopped', reason: 'no-task', message: 'no task given' };
  const run = await runPipeline(host, folder, TITLE, ({ project, llm, signal, onProgress }) =>
    runSpecPipeline({ task, workspace: project.workspace, llm, signal, onProgress }),
  );
  if (run.kind === 'outcome') await reportOutcome(run.outcome);
  return run;
}
