import * as vscode from 'vscode';
import type { PipelineOutcome } from '../../core/agents/orchestrator';

/**
 * Opens the spec when it waits on a human, and says where the pipeline stopped: ready for approval
 * with its score, stopped for a human with the reasons, or failed with the draft kept.
 */
export async function reportOutcome(outcome: PipelineOutcome): Promise<void> {
  const spec = vscode.Uri.file(outcome.specPath);
  const reasons = outcome.reasons.join('; ');
  switch (outcome.phase) {
    case 'awaiting-approval': {
      await vscode.window.showTextDocument(spec, { preview: false });
      const score = outcome.overall !== undefined ? ` (design review ${outcome.overall}/10${outcome.openThreats ? `, ${outcome.openThreats} open threat(s)` : ''})` : '';
      void vscode.window.showInformationMessage(`Omni: the spec "${outcome.slug}" is ready for your approval${score}.`, 'Approve Spec').then((choice) => {
        if (choice) void vscode.commands.executeCommand('omni.approveSpec', spec);
      });
      return;
    }
    case 'needs-human':
      await vscode.window.showTextDocument(spec, { preview: false });
      void vscode.window.showWarningMessage(`Omni: the spec "${outcome.slug}" needs a human: ${reasons}`);
      return;
    case 'failed': {
      const draft = await exists(spec);
      const message = `Omni: the spec pipeline for "${outcome.slug}" failed: ${reasons}${draft ? '. The draft is kept.' : ''}`;
      void vscode.window.showErrorMessage(message, ...(draft ? ['Open Draft'] : [])).then((choice) => {
        if (choice) void vscode.window.showTextDocument(spec, { preview: false });
      });
      return;
    }
    default:
      void vscode.window.showInformationMessage(`Omni: the spec "${outcome.slug}" is ${outcome.phase}${reasons ? `: ${reasons}` : ''}.`);
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
