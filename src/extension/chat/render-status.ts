import type { SpecSummary } from '../../core/agents/approve';
import { escapeMarkdown, fileLink } from './markdown';
import { phaseLabel } from './phase-label';

/** Every spec as a markdown table: phase, review, open threats by risk, approval; the slug links to spec.md. */
export function renderStatusTable(specs: readonly SpecSummary[]): string {
  if (specs.length === 0) return 'No spec in this workspace yet. Ask `@omni /spec <task>` to draft one.';
  const rows = specs.map((spec) => {
    const cells = [fileLink(spec.slug, spec.specPath), ...[phaseLabel(spec.phase), review(spec), threats(spec), approval(spec)].map(escapeMarkdown)];
    return `| ${cells.join(' | ')} |`;
  });
  const problems = specs.filter((spec) => spec.problem !== undefined).map((spec) => `- ${escapeMarkdown(spec.slug)}: ${escapeMarkdown(spec.problem ?? '')}`);
  return [
    '| Spec | Phase | Review | Open threats | Approval |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...(problems.length > 0 ? ['', 'Could not be read whole:', ...problems] : []),
  ].join('\n');
}

/** The same as plain text, for a language model tool. */
export function statusText(specs: readonly SpecSummary[]): string {
  if (specs.length === 0) return 'No spec in this workspace (.omni/specs is empty or missing).';
  return specs
    .map((spec) =>
      [
        `${spec.slug}${spec.title ? ` "${spec.title}"` : ''}: ${phaseLabel(spec.phase)}`,
        `  file: ${spec.specPath}`,
        `  review: ${review(spec)}`,
        `  open threats: ${threats(spec)}; blocking approval: ${spec.blockingThreats}`,
        `  approval: ${approval(spec)}`,
        `  next step: ${spec.nextStep === 'none' ? 'none until a human acts' : spec.nextStep}`,
        ...spec.reasons.map((reason) => `  reason: ${reason}`),
        ...(spec.problem !== undefined ? [`  problem: ${spec.problem}`] : []),
      ].join('\n'),
    )
    .join('\n');
}

function review(spec: SpecSummary): string {
  if (spec.overall === undefined) return 'not reviewed';
  return `${spec.overall}/10 ${spec.decision ?? ''}${spec.reviewStale ? ' (stale: the spec changed since)' : ''}`.replace(/ +/g, ' ').trim();
}

function threats({ openThreats: open }: SpecSummary): string {
  const parts = (['critical', 'high', 'medium', 'low'] as const).filter((risk) => open[risk] > 0).map((risk) => `${open[risk]} ${risk}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function approval({ approval: state }: SpecSummary): string {
  switch (state.kind) {
    case 'valid':
      return `approved by ${state.by}`;
    case 'void':
      return `void: ${state.reason}`;
    default:
      return 'not approved';
  }
}
