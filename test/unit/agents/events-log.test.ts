import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePromptFile } from '../../../src/core/prompts/loader';
import { Handoff } from '../../../src/core/store/handoff';
import { EventsLogError, parsePipelineLog, type PipelineEvent } from '../../../src/core/store/pipeline-events';
import { replay, ReplayError } from '../../../src/core/store/replay';

const TASK_ID = '6f1c9a52-0d3e-4b8e-9a53-2f7f5d1c8e10';
const SHA = 'a'.repeat(64);
const answered = { prompt: { id: 'architect/spec', version: 1 }, provider: 'ollama', model: 'qwen2.5-coder:7b' };
let clock = Date.parse('2026-12-06T21:00:00Z');
const at = () => new Date((clock += 1000)).toISOString();

const start: PipelineEvent = { type: 'pipeline-start', at: at(), task_id: TASK_ID, slug: 'rate-limit', task: 'Rate-limit the API', max_review_rounds: 2 };
const drafted: PipelineEvent = { type: 'draft', at: at(), spec_sha256: SHA, ...answered };
const complete: PipelineEvent = { type: 'completeness', at: at(), spec_sha256: SHA, complete: true, problems: [] };
const incomplete: PipelineEvent = { type: 'completeness', at: at(), spec_sha256: SHA, complete: false, problems: [{ item: 'rollback', line: 40, message: 'the rollback plan is a placeholder' }] };
const fixed: PipelineEvent = { type: 'revision', at: at(), cause: 'completeness', round: 0, spec_sha256: SHA, diff: '--- a\n+++ b\n@@ -1 +1 @@\n-TBD\n+Revert the flag\n', conflicts: [], ...answered };
const review = (round: number, decision: 'proceed' | 'revise' | 'needs-human', overall: number): PipelineEvent => ({
  type: 'review',
  at: at(),
  round,
  spec_sha256: SHA,
  overall,
  decision,
  reasons: decision === 'proceed' ? [] : [`overall ${overall} is below 8`],
  findings: 2,
  ...answered,
  prompt: { id: 'reviewer/design-review', version: 1 },
});

describe('events log', () => {
  it('validates a handoff message and rejects one with an unknown party', () => {
    const message = { task_id: TASK_ID, from: 'architect', to: 'reviewer', handoff_type: 'spec-for-review', artifacts: [{ path: 'spec.md', sha256: SHA }], constraints: [], context_refs: ['README.md'] };
    expect(Handoff.parse(message)).toEqual(message);
    expect(Handoff.safeParse({ ...message, to: 'developer' }).success).toBe(false);
  });

  it('names the file and line of a bad event, and skips a torn last line', () => {
    const lines = [start, drafted].map((event) => JSON.stringify(event));
    expect(parsePipelineLog(`${lines.join('\n')}\n{"type":"comple`, '/p/events.jsonl')).toHaveLength(2);
    const bad = `${lines[0]}\n{"type":"review","at":"now"}\n${lines[1]}\n`;
    expect(() => parsePipelineLog(bad, '/p/events.jsonl')).toThrow(EventsLogError);
    expect(() => parsePipelineLog(bad, '/p/events.jsonl')).toThrow(/^\/p\/events\.jsonl:2: invalid event: /);
    expect(() => parsePipelineLog(`${lines[0]}\nnot json\n${lines[1]}\n`, 'e.jsonl')).toThrow('e.jsonl:2: not a JSON line');
  });
});

describe('replay', () => {
  it('refuses a log that no pipeline started', () => {
    expect(() => replay([drafted])).toThrow(ReplayError);
  });

  it('follows a spec from its draft through a revision to the approval gate', () => {
    const revised: PipelineEvent = { ...fixed, cause: 'review', round: 1 };
    const threats: PipelineEvent = { type: 'threats', at: at(), spec_sha256: SHA, total: 3, open: { low: 1, medium: 1, high: 1, critical: 0 }, blocking: 1, ...answered };
    const steps: Array<[PipelineEvent, string, string]> = [
      [start, 'drafting', 'draft'],
      [drafted, 'checking', 'complete'],
      [complete, 'reviewing', 'review'],
      [review(1, 'revise', 7), 'revising', 'revise'],
      [revised, 'checking', 'complete'],
      [complete, 'reviewing', 'review'],
      [review(2, 'proceed', 8.4), 'threat-modeling', 'threats'],
      [threats, 'awaiting-approval', 'none'],
    ];
    const log: PipelineEvent[] = [];
    for (const [event, phase, nextStep] of steps) {
      log.push(event);
      expect(replay(log)).toMatchObject({ phase, nextStep });
    }
    const state = replay(log);
    expect(state).toMatchObject({ taskId: TASK_ID, slug: 'rate-limit', task: 'Rate-limit the API', round: 2, reasons: ['1 open high or critical threat'] });
    expect(state.history.map((entry) => entry.text)).toContain('Architect revised the spec for review round 1: +1 -1 lines');
    expect(state.history.at(-1)?.text).toBe('threat model: 3 threats, 1 blocking (open high or critical)');
  });

  it('sends an incomplete spec back twice, then stops for a human', () => {
    const log = [start, drafted, incomplete, fixed, incomplete];
    expect(replay(log)).toMatchObject({ phase: 'revising', nextStep: 'fix', fixes: 1, reasons: ['line 40: the rollback plan is a placeholder'] });
    const stopped = replay([...log, fixed, incomplete]);
    expect(stopped).toMatchObject({ phase: 'needs-human', nextStep: 'none' });
    expect(stopped.reasons[0]).toBe('the spec is still incomplete after 2 fixes by the Architect');
  });

  it('retries the failed step, and tracks approval, its voiding and refusals', () => {
    const failed: PipelineEvent = { type: 'failure', at: at(), step: 'review', kind: 'invalid-output', message: 'bad answer', draft_path: 'spec.md' };
    expect(replay([start, drafted, complete, failed])).toMatchObject({ phase: 'failed', nextStep: 'review', reasons: ['bad answer'] });
    const waiting: PipelineEvent[] = [start, drafted, complete, review(1, 'proceed', 9), { type: 'threats', at: at(), spec_sha256: SHA, total: 0, open: { low: 0, medium: 0, high: 0, critical: 0 }, blocking: 0, ...answered }];
    const approved = [...waiting, { type: 'approval', at: at(), by: 'ada', spec_sha256: SHA } as const];
    expect(replay(approved).phase).toBe('approved');
    const voided = replay([...approved, { type: 'approval-voided', at: at(), by: 'ada', reason: 'the spec changed after approval' } as const]);
    expect(voided).toMatchObject({ phase: 'awaiting-approval', reasons: ['the spec changed after approval'] });
    expect(replay([...waiting, { type: 'review-requested', at: at() } as const])).toMatchObject({ phase: 'checking', nextStep: 'complete', fixes: 0 });
    const refused = replay([...waiting, { type: 'refusal', at: at(), by: 'bob', reasons: ['threat T1 is open'] } as const]);
    expect(refused).toMatchObject({ phase: 'awaiting-approval', reasons: ['threat T1 is open'] });
  });
});

describe('architect revise prompt', () => {
  it('is a valid prompt file that returns a spec draft', () => {
    const template = parsePromptFile({ path: 'prompts/architect/revise.v1.md', text: readFileSync('prompts/architect/revise.v1.md', 'utf8') });
    expect(template).toMatchObject({ id: 'architect/revise', version: 1, output: 'spec-draft' });
    expect(Object.keys(template.inputs)).toEqual(['task', 'spec', 'problems', 'projectContext']);
  });
});
