import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../../src/cli/lint-paths';
import { LintPool } from '../../../src/cli/pool';

const CRASHING_WORKER = join(__dirname, '..', '..', 'fixtures', 'pool', 'crashing-worker.mjs');
const setup = { levels: {}, fix: false, hash: false, wasmDirectory: '' };

async function runPool(jobs: number, batches: string[][]): Promise<Map<string, FileOutcome>> {
  const pool = await LintPool.start(jobs, setup, {}, CRASHING_WORKER);
  const outcomes = new Map<string, FileOutcome>();
  try {
    // One request with every batch: a crash takes all of them down with the worker.
    await pool.run([{ language: 'python', batches, bytes: batches.length }], (outcome) => outcomes.set(outcome.result.path, outcome));
  } finally {
    await pool.close();
  }
  return outcomes;
}

const notices = (outcomes: Map<string, FileOutcome>): Record<string, string[]> =>
  Object.fromEntries([...outcomes].map(([path, outcome]) => [path, outcome.result.notices.map((notice) => notice.message.replace(/:.*/s, ''))]));

describe('worker pool', () => {
  it('retries the batches of a crashed worker alone, so only the one that crashes it is lost', async () => {
    const outcomes = await runPool(2, [['a.py'], ['crash.py'], ['pkg/b.go', 'pkg/c.go'], ['d.py']]);
    expect(notices(outcomes)).toEqual({ 'a.py': [], 'crash.py': ['could not check'], 'pkg/b.go': [], 'pkg/c.go': [], 'd.py': [] });
  });

  it('gets through several crashing batches with one worker', async () => {
    const outcomes = await runPool(1, [['crash-1.py'], ['a.py'], ['crash-2.py'], ['b.py']]);
    expect(notices(outcomes)).toEqual({ 'crash-1.py': ['could not check'], 'a.py': [], 'crash-2.py': ['could not check'], 'b.py': [] });
  });
});
