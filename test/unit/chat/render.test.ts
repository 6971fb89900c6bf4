import { describe, expect, it } from 'vitest';
import type { SpecSummary } from '../../../src/core/agents/approve';
import type { PipelineOutcome } from '../../../src/core/agents/orchestrator';
import type { ThreatModel } from '../../../src/core/schemas/threat-model';
import { threatsFromModel } from '../../../src/core/threats/threats-file';
import type { CheckedFile } from '../../../src/extension/chat/check-files';
import { escapeMarkdown } from '../../../src/extension/chat/markdown';
import { findingsText, renderFindings } from '../../../src/extension/chat/render-findings';
import { renderOutcome } from '../../../src/extension/chat/render-outcome';
import { renderStatusTable, statusText } from '../../../src/extension/chat/render-status';
import { renderThreats } from '../../../src/extension/chat/render-threats';
import threatsBlocking from '../../fixtures/agents/threats-blocking.json';

const SPEC = '/work/project/.omni/specs/rate-limit/spec.md';

function outcome(fields: Partial<PipelineOutcome>): PipelineOutcome {
  return { slug: 'rate-limit', specPath: SPEC, phase: 'awaiting-approval', nextStep: 'none', reasons: [], ...fields };
}

describe('chat: a pipeline outcome in markdown', () => {
  it('ready for approval: the score, what blocks approval, and links to threats.json and spec.md', () => {
    const text = renderOutcome(outcome({ overall: 9, openThreats: 2, blockingThreats: 1 }));
    expect(text).toContain('The spec **rate-limit** is ready for your approval. Design review: **9/10**.');
    expect(text).toContain('1 open high or critical threat(s) block approval: mitigate or accept them in [threats.json](file:///work/project/.omni/specs/rate-limit/threats.json) first.');
    expect(text).toContain('Spec: [.omni/specs/rate-limit/spec.md](file:///work/project/.omni/specs/rate-limit/spec.md)');
  });

  it('ready with only low threats open says none blocks', () => {
    expect(renderOutcome(outcome({ overall: 8, openThreats: 1, blockingThreats: 0 }))).toContain('1 open threat(s) of lower risk remain in the threat model; none blocks approval.');
  });

  it('needs a human: the reasons as a list, escaped', () => {
    const text = renderOutcome(outcome({ phase: 'needs-human', overall: 4, reasons: ['overall 4 < 6: *stop*', 'coupling is [high]'] }));
    expect(text).toContain('needs a human before it goes on. Design review: **4/10**.');
    expect(text).toContain('- overall 4 \\< 6: \\*stop\\*\n- coupling is \\[high\\]');
  });

  it('failed: what was kept, linked', () => {
    const text = renderOutcome(outcome({ phase: 'failed', reasons: ['the review never validated'], keptDraft: '/work/project/.omni/specs/rate-limit/.agent/draft.md', keptAnswers: '/work/project/.omni/specs/rate-limit/.agent/answers.txt' }));
    expect(text).toContain('The spec pipeline for **rate-limit** failed.');
    expect(text).toContain('Kept for you: the last draft: [draft](file:///work/project/.omni/specs/rate-limit/.agent/draft.md); the model\'s answers: [answers](file:///work/project/.omni/specs/rate-limit/.agent/answers.txt).');
  });
});

function summary(fields: Partial<SpecSummary>): SpecSummary {
  return {
    slug: 'rate-limit',
    specPath: SPEC,
    title: 'Rate limit',
    phase: 'awaiting-approval',
    nextStep: 'none',
    reasons: [],
    approval: { kind: 'none' },
    reviewStale: false,
    openThreats: { low: 1, medium: 0, high: 0, critical: 1 },
    blockingThreats: 1,
    overall: 9,
    decision: 'proceed',
    ...fields,
  };
}

describe('chat: the status table', () => {
  it('one row per spec: link, phase, review, open threats by risk, approval', () => {
    const table = renderStatusTable([
      summary({}),
      summary({ slug: 'audit-log', specPath: '/p/.omni/specs/audit-log/spec.md', phase: 'approved', approval: { kind: 'valid', by: 'Ada', at: '2026-12-01T00:00:00Z' }, openThreats: { low: 0, medium: 0, high: 0, critical: 0 }, blockingThreats: 0 }),
      summary({ slug: 'edited', specPath: '/p/.omni/specs/edited/spec.md', reviewStale: true, approval: { kind: 'void', by: 'Ada', at: '2026-12-01T00:00:00Z', reason: 'the spec changed | since' } }),
    ]).split('\n');
    expect(table.slice(0, 2)).toEqual(['| Spec | Phase | Review | Open threats | Approval |', '| --- | --- | --- | --- | --- |']);
    expect(table[2]).toBe('| [rate-limit](file:///work/project/.omni/specs/rate-limit/spec.md) | awaiting approval | 9/10 proceed | 1 critical, 1 low | not approved |');
    expect(table[3]).toBe('| [audit-log](file:///p/.omni/specs/audit-log/spec.md) | approved | 9/10 proceed | none | approved by Ada |');
    expect(table[4]).toBe('| [edited](file:///p/.omni/specs/edited/spec.md) | awaiting approval | 9/10 proceed (stale: the spec changed since) | 1 critical, 1 low | void: the spec changed \\| since |');
  });

  it('a spec that could not be read whole is named with its problem; no spec says how to make one', () => {
    expect(renderStatusTable([summary({ problem: 'spec.md:3: bad YAML' })])).toContain('Could not be read whole:\n- rate-limit: spec.md:3: bad YAML');
    expect(renderStatusTable([])).toContain('`@omni /spec <task>`');
  });

  it('as text for a model: every field on its own line', () => {
    expect(statusText([summary({ nextStep: 'review', reasons: ['edited by hand'] })]).split('\n')).toEqual([
      'rate-limit "Rate limit": awaiting approval',
      `  file: ${SPEC}`,
      '  review: 9/10 proceed',
      '  open threats: 1 critical, 1 low; blocking approval: 1',
      '  approval: not approved',
      '  next step: review',
      '  reason: edited by hand',
    ]);
  });
});

describe('chat: the threat summary', () => {
  const file = threatsFromModel(threatsBlocking as ThreatModel, { specSha256: 'a'.repeat(64), at: new Date('2026-12-01T00:00:00Z') });

  it('counts open threats by risk and lists the blocking ones with their mitigations', () => {
    const text = renderThreats('rate-limit', '/p/threats.json', file);
    expect(text).toContain('Threat model of **rate-limit**: 2 threat(s) on 2 element(s) and 1 flow(s).');
    expect(text).toContain('Open by risk: 1 critical, 0 high, 0 medium, 1 low; 0 mitigated, accepted or ruled out.');
    expect(text).toContain('**1 threat(s) block approval**');
    expect(text).toMatch(/^- \*\*T2\*\* \(critical, STRIDE denialOfService, on `P1`\): Memory exhaustion by many new clients\. No mitigation proposed\.$/m);
    expect(text).toContain('[threats.json](file:///p/threats.json)');
  });

  it('once the blocking threat is mitigated nothing blocks', () => {
    const mitigated = { ...file, threats: file.threats.map((threat) => ({ ...threat, status: 'mitigated' as const })) };
    const text = renderThreats('rate-limit', '/p/threats.json', mitigated);
    expect(text).toContain('Nothing blocks approval');
    expect(text).toContain('2 mitigated, accepted or ruled out');
  });
});

const orders: CheckedFile = {
  path: '/p/python/orders.py',
  shown: 'python/orders.py',
  findings: [
    {
      ruleId: 'py/bare-except',
      severity: 'warning',
      message: 'A bare `except:` also catches KeyboardInterrupt',
      path: '/p/python/orders.py',
      language: 'python',
      range: { start: { line: 7, column: 4 }, end: { line: 7, column: 10 } },
      startOffset: 0,
      endOffset: 6,
      fingerprint: 'f',
    },
  ],
  hidden: 2,
  notes: [],
};

describe('chat: findings', () => {
  it('a markdown list linked to the lines, then what was hidden and what was not checked', () => {
    const text = renderFindings([orders, { path: '/p/notes.txt', shown: 'notes.txt', findings: [], hidden: 0, notes: ['not a language the rules engine checks'] }], 'two files');
    expect(text.split('\n')).toEqual([
      '**1 finding(s)** in two files:',
      '',
      '- [python/orders.py:8](file:///p/python/orders.py#L8) warning `py/bare-except`: A bare \\`except:\\` also catches KeyboardInterrupt',
      '',
      '2 more suppressed by an `omni-ignore` comment or accepted in .omni/baseline.json.',
      '',
      '- notes.txt: not a language the rules engine checks',
    ]);
  });

  it('no finding says so', () => {
    expect(renderFindings([{ ...orders, findings: [], hidden: 0 }], 'python/orders.py')).toBe('No finding in python/orders.py.');
  });

  it('as text for a model: path:line:column severity rule: message', () => {
    expect(findingsText([orders])).toBe('python/orders.py:8:5: warning py/bare-except: A bare `except:` also catches KeyboardInterrupt\n1 finding(s) in 1 file(s); 2 suppressed or baselined, not listed.');
  });

  it('escapes what would be markup in file text and model output', () => {
    expect(escapeMarkdown('a *b* [c](d) <img> | `e`\nnext')).toBe('a \\*b\\* \\[c\\](d) \\<img\\> \\| \\`e\\` next');
  });
});
