import * as vscode from 'vscode';
import type { PipelineOutcome } from '../../core/agents/orchestrator';

const OPEN_DRAFT = 'Open Draft';
const SHOW_ANSWERS = "Show the Model's Answers";

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
      const score = outcome.overall !== undefined ? `, design review ${outcome.overall}/10` : '';
      const blocking = outcome.blockingThreats ? `; ${outcome.blockingThreats} open high or critical threat(s) in threats.json must be mitigated or accepted first` : '';
      void vscode.window.showInformationMessage(`Omni: the spec "${outcome.slug}" is ready for your approval${score}${blocking}.`, 'Approve Spec').then((choice) => {
        if (choice) void vscode.commands.executeCommand('omni.approveSpec', spec);
      });
      return;
    }
    case 'needs-human':
      await vscode.window.showTextDocument(spec, { preview: false });
      void vscode.window.showWarningMessage(`Omni: the spec "${outcome.slug}" needs a human: ${reasons}`);
      return;
    case 'failed': {
      const kept = [outcome.keptDraft ? 'the draft is kept' : undefined, outcome.keptAnswers ? "the model's answers are kept" : undefined].filter(Boolean).join(' and ');
      const buttons = [...(outcome.keptDraft ? [OPEN_DRAFT] : []), ...(outcome.keptAnswers ? [SHOW_ANSWERS] : [])];
      void vscode.window.showErrorMessage(`Omni: the spec pipeline for "${outcome.slug}" failed: ${reasons}${kept ? `. ${kept[0]?.toUpperCase()}${kept.slice(1)}.` : ''}`, ...buttons).then((choice) => {
        const file = choice === OPEN_DRAFT ? outcome.keptDraft : choice === SHOW_ANSWERS ? outcome.keptAnswers : undefined;
        if (file) void vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
      });
      return;
    }
    default:
      void vscode.window.showInformationMessage(`Omni: the spec "${outcome.slug}" is ${outcome.phase}${reasons ? `: ${reasons}` : ''}.`);
  }
}

