import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../src/core/llm/provider';
import { Tracer } from '../../../src/core/llm/spans';
import { eventsFile } from '../../../src/node/events-log';
import { omni, project } from '../../support/cli';

const PROMPT = { id: 'architect/spec', version: 1 };
const call = (cacheHit: boolean, costUsd: number | null) => ({
  provider: 'openai:hosted',
  model: 'gpt-big',
  prompt: PROMPT,
  inputTokens: 1200,
  outputTokens: 340,
  ...(cacheHit ? {} : { firstTokenMs: 250 }),
  costUsd,
  cacheHit,
  redactions: cacheHit ? 0 : 2,
  ...(cacheHit ? {} : { fellBackFrom: [{ provider: 'ollama', model: 'qwen', reason: 'unreachable' }] }),
});

/** A run as the pipeline writes it: spans through the Node events file, plus another helper's event. */
async function recordedRun(root: string): Promise<string> {
  const path = join(root, '.omni', 'specs', 'rate-limiter', 'events.jsonl');
  let clock = Date.parse('2026-12-06T21:00:00Z');
  const tracer = new Tracer(eventsFile(path), { now: () => (clock += 1500) });
  const run = tracer.startRun('run-1', 'spec "rate limiter"');
  const architect = run.child('turn', 'architect');
  architect.child('call', 'openai:hosted/gpt-big').end({ call: call(false, 0.0058) });
  architect.child('call', 'openai:hosted/gpt-big').end({ call: call(true, 0) });
  architect.end();
  const reviewer = run.child('turn', 'reviewer');
  reviewer.child('call', 'ollama/qwen').end({ error: new LlmError('timeout', 'no first token within 30 s', 'ollama') });
  reviewer.end({ error: new LlmError('no-provider', 'No model answered. Tried:\n  - ollama (qwen): refused', 'ollama') });
  run.end();
  await tracer.flush();
  return path;
}

describe('events.jsonl and omni trace', () => {
  it('appends one JSON line per span start and end', async () => {
    const root = await project({});
    const lines = (await readFile(await recordedRun(root), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(12);
    expect(JSON.parse(lines[0] ?? '')).toEqual({ type: 'span-start', span: 'run-1', kind: 'run', name: 'spec "rate limiter"', at: '2026-12-06T21:00:01.500Z' });
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({ type: 'span-end', span: 'run-1', status: 'ok', durationMs: 16500 });
  });

  it('prints the spans as a tree with durations, tokens, cost, cache hits and errors', async () => {
    const root = await project({});
    await recordedRun(root);
    const run = await omni(['trace', 'rate-limiter'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'run spec "rate limiter"  16.5 s  3 calls (1 cache hit)  1,200 in / 340 out  $0.0058',
      '├─ turn architect  7.5 s  2 calls (1 cache hit)  1,200 in / 340 out  $0.0058',
      '│  ├─ call openai:hosted/gpt-big  1.5 s  architect/spec v1  1,200 in / 340 out  $0.0058  first token 250 ms  2 secrets redacted  after ollama/qwen (unreachable)',
      '│  └─ call openai:hosted/gpt-big  1.5 s  architect/spec v1  cache hit',
      '└─ turn reviewer  4.5 s  1 call  0 in / 0 out  $0.0000  error no-provider: No model answered. Tried:',
      '   └─ call ollama/qwen  1.5 s  error timeout: no first token within 30 s',
      '',
      '3 model calls, 1 cache hit, 2 errors',
      '',
    ]);
  });

  it('reports a malformed line with its line number, skips it and prints the rest', async () => {
    const root = await project({});
    const path = await recordedRun(root);
    await appendFile(path, '{"type":"handoff","from":"architect","to":"reviewer"}\n{"type":"span-end", "span":\n{"type":"span-start","span":"x"}\n[1,2]\n');
    const run = await omni(['trace', join('.omni', 'specs', 'rate-limiter')], root);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')).toEqual([
      expect.stringMatching(/^omni: \.omni\/specs\/rate-limiter\/events\.jsonl:14: not a JSON line \(skipped\)$/),
      expect.stringMatching(/^omni: .*events\.jsonl:15: invalid span-start event: kind: .*name: .*at: .* \(skipped\)$/),
      expect.stringMatching(/^omni: .*events\.jsonl:16: not an event: expected an object with a "type" \(skipped\)$/),
      '',
    ]);
    expect(run.stdout).toContain('└─ turn reviewer');
    expect(run.stdout).toContain('3 model calls, 1 cache hit, 2 errors; 3 bad lines skipped');
  });

  it('shows an unfinished span, prints JSON on request, and names what it tried when there is no log', async () => {
    const root = await project({ 'run/events.jsonl': '{"type":"span-start","span":"r","kind":"run","name":"crashed run","at":"2026-12-06T21:00:00.000Z"}\n' });
    const text = await omni(['trace', 'run/events.jsonl'], root);
    expect(text.stdout).toContain('run crashed run  (unfinished)');
    const json = await omni(['trace', 'run', '--format', 'json'], root);
    expect(JSON.parse(json.stdout)).toMatchObject({ path: 'run/events.jsonl', spans: [{ id: 'r', kind: 'run', name: 'crashed run', children: [] }], problems: [] });
    const missing = await omni(['trace', 'nope'], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('omni: no events log for "nope": tried nope, nope/events.jsonl, .omni/specs/nope/events.jsonl\n');
  });
});
