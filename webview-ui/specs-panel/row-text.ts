import type { SpecRow } from '../../src/protocol/webview/specs-panel';

// The words a row shows and a screen reader hears: one place, so the label and the text agree.

const PHASE_LABELS: Record<SpecRow['phase'], string> = {
  drafting: 'Drafting',
  checking: 'Checking',
  reviewing: 'Reviewing',
  revising: 'Revising',
  'threat-modeling': 'Threat modeling',
  'awaiting-approval': 'Awaiting approval',
  'needs-human': 'Needs a human',
  approved: 'Approved',
  rejected: 'Rejected',
  failed: 'Failed',
};

export function phaseLabel(phase: SpecRow['phase']): string {
  return PHASE_LABELS[phase];
}

export function scoreText(row: SpecRow): string {
  if (row.overall === undefined) return 'Not reviewed';
  return `Review ${row.overall.toFixed(1)}/10${row.decision ? `, ${row.decision}` : ''}`;
}

const RISKS = ['critical', 'high', 'medium', 'low'] as const;

export function threatsText(row: SpecRow): string {
  const parts = RISKS.filter((risk) => row.openThreats[risk] > 0).map((risk) => `${row.openThreats[risk]} ${risk}`);
  return parts.length === 0 ? 'No open threats' : `Open threats: ${parts.join(', ')}`;
}

export function approvalText(row: SpecRow): string {
  switch (row.approval.kind) {
    case 'valid':
      return `Approved by ${row.approval.by}`;
    case 'void':
      return `Approval void: ${row.approval.reason}`;
    case 'none':
      return 'Not approved';
  }
}

export function rowLabel(row: SpecRow, title: string): string {
  return [title, phaseLabel(row.phase), scoreText(row), row.reviewStale ? 'review is stale' : undefined, threatsText(row), approvalText(row)].filter(Boolean).join('; ');
}
