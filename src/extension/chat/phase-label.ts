import type { PipelinePhase } from '../../core/store/replay';

const LABELS: Record<PipelinePhase, string> = {
  drafting: 'drafting',
  checking: 'checking completeness',
  reviewing: 'in review',
  revising: 'being revised',
  'threat-modeling': 'threat modelling',
  'awaiting-approval': 'awaiting approval',
  'needs-human': 'needs a human',
  approved: 'approved',
  rejected: 'rejected',
  failed: 'failed',
};

/** A pipeline phase in words, for chat and tool output. */
export function phaseLabel(phase: PipelinePhase): string {
  return LABELS[phase];
}
