import { ChatOutcome } from './chat-commands';

/** A suggested next request: VS Code's ChatFollowup, which needs no runtime import. */
export interface Followup {
  readonly prompt: string;
  readonly label: string;
  readonly command?: string;
}

/** The next step a response suggests, from where it left the spec; none for a result the handler did not make. */
export function followupsFor(metadata: unknown): Followup[] {
  const parsed = ChatOutcome.safeParse(metadata);
  return parsed.success ? next(parsed.data) : [];
}

/** One follow-up per spec to choose from, few enough to read at a glance. */
const MAX_CHOICES = 5;
const VERBS: Partial<Record<ChatOutcome['command'], string>> = { approve: 'Approve', review: 'Review', threats: 'Show the threats of' };

function next(outcome: ChatOutcome): Followup[] {
  const slug = outcome.slug ?? '';
  if (outcome.command === 'check' || outcome.command === 'help') return [];
  const verb = VERBS[outcome.command];
  if (outcome.choices?.length && verb) return outcome.choices.slice(0, MAX_CHOICES).map((choice) => ({ prompt: choice, label: `${verb} ${choice}`, command: outcome.command }));
  const status = { prompt: '', label: 'Show every spec', command: 'status' };
  if (outcome.slug === undefined) return outcome.command === 'status' ? [] : [status];
  const approve = { prompt: slug, label: 'Approve the spec', command: 'approve' };
  const reviewAgain = { prompt: slug, label: 'Review again after editing the spec', command: 'review' };
  const threats = { prompt: slug, label: 'See the threats that block approval', command: 'threats' };
  if (outcome.command === 'approve' && outcome.stopped) return [threats, reviewAgain];
  if (outcome.stopped) return [status];
  if (outcome.command === 'threats') return [outcome.blockingThreats ? reviewAgain : approve];
  switch (outcome.phase) {
    case 'awaiting-approval':
      return outcome.blockingThreats
        ? [threats, reviewAgain]
        : [approve, { prompt: slug, label: 'Summarize its threats', command: 'threats' }];
    case 'needs-human':
    case 'failed':
      return [reviewAgain];
    case 'approved':
      return [status];
    default:
      return [];
  }
}
