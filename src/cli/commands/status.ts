import { relative } from 'node:path';
import { specStatus, type RiskCounts, type SpecSummary } from '../../core/agents/approve';
import type { ApprovalState } from '../../core/specs/approval';
import { openSpecsProject } from '../specs/specs-project';

/** `omni status`: every spec with its phase, review, approval and open threats. */
export async function status(options: { json: boolean; config?: string }, out: NodeJS.WritableStream): Promise<number> {
  const { workspace } = await openSpecsProject(options.config);
  const cwd = process.cwd();
  const specs = (await specStatus(workspace)).map((summary) => ({ ...summary, specPath: relative(cwd, summary.specPath) || summary.specPath }));
  if (options.json) {
    out.write(`${JSON.stringify(specs, null, 2)}\n`);
    return 0;
  }
  if (specs.length === 0) {
    out.write(`No specs under ${relative(cwd, workspace.specsRoot) || '.'}: create one with omni spec "<task>"\n`);
    return 0;
  }
  const rows = [['SPEC', 'PHASE', 'REVIEW', 'APPROVAL', 'OPEN THREATS'], ...specs.map((summary) => [summary.slug, summary.phase, review(summary), approval(summary.approval), threats(summary.openThreats, summary.blockingThreats)])];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const lines = rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  '));
  // Reasons and problems go under the table, so a void approval or a broken file says why.
  for (const summary of specs) {
    if (summary.problem) lines.push(`${summary.slug}: cannot read it whole: ${summary.problem}`);
    if (summary.approval.kind === 'void') lines.push(`${summary.slug}: approval by ${summary.approval.by} is void: ${summary.approval.reason}`);
    else if (summary.phase !== 'approved' && summary.reasons.length > 0) lines.push(`${summary.slug}: ${summary.reasons.join('; ')}`);
  }
  out.write(`${lines.join('\n')}\n`);
  return 0;
}

function review(summary: SpecSummary): string {
  if (summary.overall === undefined) return '-';
  return `${summary.overall.toFixed(1)} ${summary.decision ?? ''}${summary.reviewStale ? ' (stale)' : ''}`.trim();
}

function approval(state: ApprovalState): string {
  switch (state.kind) {
    case 'none':
      return 'none';
    case 'valid':
      return `valid (${state.by}, ${state.at.slice(0, 10)})`;
    case 'void':
      return `void after edit (${state.by})`;
  }
}

function threats(open: RiskCounts, blocking: number): string {
  const counts = (['critical', 'high', 'medium', 'low'] as const).filter((risk) => open[risk] > 0).map((risk) => `${open[risk]} ${risk}`);
  if (counts.length === 0) return 'none';
  return `${counts.join(', ')}${blocking > 0 ? ` (${blocking} blocking)` : ''}`;
}
