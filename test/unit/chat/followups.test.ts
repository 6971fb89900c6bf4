import { describe, expect, it } from 'vitest';
import { followupsFor } from '../../../src/extension/chat/followups';

const commands = (outcome: Parameters<typeof followupsFor>[0]): (string | undefined)[] => followupsFor(outcome).map((followup) => followup.command);

describe('chat: follow-ups suggest the next step by phase', () => {
  it('a spec ready for approval: approve it, or see its threats; with a blocking threat, the threats and a new review first', () => {
    expect(commands({ command: 'spec', slug: 's', phase: 'awaiting-approval', blockingThreats: 0 })).toEqual(['approve', 'threats']);
    expect(commands({ command: 'review', slug: 's', phase: 'awaiting-approval', blockingThreats: 2 })).toEqual(['threats', 'review']);
    expect(followupsFor({ command: 'spec', slug: 's', phase: 'awaiting-approval' })[0]).toEqual({ prompt: 's', label: 'Approve the spec', command: 'approve' });
  });

  it('a spec that stopped for a human or failed: review again after editing', () => {
    expect(commands({ command: 'spec', slug: 's', phase: 'needs-human' })).toEqual(['review']);
    expect(commands({ command: 'review', slug: 's', phase: 'failed' })).toEqual(['review']);
  });

  it('a refused approval: the threats and a new review; an approved spec: the status of all', () => {
    expect(commands({ command: 'approve', slug: 's', phase: 'awaiting-approval', stopped: true })).toEqual(['threats', 'review']);
    expect(commands({ command: 'approve', slug: 's', phase: 'approved' })).toEqual(['status']);
  });

  it('threats: approve when nothing blocks, else review after mitigating', () => {
    expect(commands({ command: 'threats', slug: 's', blockingThreats: 0 })).toEqual(['approve']);
    expect(commands({ command: 'threats', slug: 's', blockingThreats: 1 })).toEqual(['review']);
  });

  it('a request that did not say which spec: one follow-up per spec to choose, at most five', () => {
    expect(followupsFor({ command: 'approve', stopped: true, choices: ['rate-limit', 'audit-log'] })).toEqual([
      { prompt: 'rate-limit', label: 'Approve rate-limit', command: 'approve' },
      { prompt: 'audit-log', label: 'Approve audit-log', command: 'approve' },
    ]);
    expect(followupsFor({ command: 'review', stopped: true, choices: ['a', 'b', 'c', 'd', 'e', 'f'] }).map((followup) => followup.prompt)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('nothing after /check, /status or help; the status after a request that found no spec', () => {
    expect(followupsFor({ command: 'check' })).toEqual([]);
    expect(followupsFor({ command: 'status' })).toEqual([]);
    expect(followupsFor({ command: 'help' })).toEqual([]);
    expect(commands({ command: 'review', stopped: true })).toEqual(['status']);
  });
});

describe('chat: follow-ups for a result the handler did not make', () => {
  it('offers none when the metadata is missing or not ours (a request that never reached the handler)', () => {
    expect(followupsFor(undefined)).toEqual([]);
    expect(followupsFor({ command: 'implement' })).toEqual([]);
  });
});
