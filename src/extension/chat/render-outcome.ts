import { dirname, join } from 'node:path';
import type { PipelineOutcome } from '../../core/agents/orchestrator';
import { escapeMarkdown, fileLink } from './markdown';

/**
 * The end of a pipeline run as chat markdown: where the spec stands, its review score, what blocks
 * approval, and the reasons when it stopped; links to the spec's files.
 */
export function renderOutcome(outcome: PipelineOutcome): string {
  const name = `**${escapeMarkdown(outcome.slug)}**`;
  const lines: string[] = [];
  const score = outcome.overall !== undefined ? ` Design review: **${outcome.overall}/10**.` : '';
  switch (outcome.phase) {
    case 'awaiting-approval':
      lines.push(`The spec ${name} is ready for your approval.${score}`);
      if (outcome.blockingThreats) {
        lines.push('', `${outcome.blockingThreats} open high or critical threat(s) block approval: mitigate or accept them in ${fileLink('threats.json', join(dirname(outcome.specPath), 'threats.json'))} first.`);
      } else if (outcome.openThreats) {
        lines.push('', `${outcome.openThreats} open threat(s) of lower risk remain in the threat model; none blocks approval.`);
      }
      break;
    case 'needs-human':
      lines.push(`The spec ${name} needs a human before it goes on.${score}`);
      break;
    case 'failed':
      lines.push(`The spec pipeline for ${name} failed.`);
      break;
    default:
      lines.push(`The spec ${name} is ${outcome.phase}.${score}`);
  }
  if (outcome.reasons.length > 0 && outcome.phase !== 'awaiting-approval') {
    lines.push('', ...outcome.reasons.map((reason) => `- ${escapeMarkdown(reason)}`));
  }
  const kept = [
    outcome.keptDraft ? `the last draft: ${fileLink('draft', outcome.keptDraft)}` : undefined,
    outcome.keptAnswers ? `the model's answers: ${fileLink('answers', outcome.keptAnswers)}` : undefined,
  ].filter((entry) => entry !== undefined);
  if (kept.length > 0) lines.push('', `Kept for you: ${kept.join('; ')}.`);
  lines.push('', `Spec: ${fileLink(`.omni/specs/${outcome.slug}/spec.md`, outcome.specPath)}`);
  return lines.join('\n');
}
