import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { testDist } from '../../support/dist';

export interface SpawnedOmni {
  readonly child: ChildProcess;
  /** Resolves once standard error has shown text matching `pattern`; rejects if the process ends first. */
  stderrShows(pattern: RegExp): Promise<void>;
  /** The exit code (or the signal that ended it) and everything it wrote. */
  exited(): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
}

/** The built `omni`, as a running process a test can interrupt: for Ctrl-C and resume tests. */
export function spawnOmni(args: readonly string[], cwd: string): SpawnedOmni {
  const child = spawn(process.execPath, [join(testDist(), 'cli.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; wake: () => void; fail: (error: Error) => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const waiter of waiters.filter((candidate) => candidate.pattern.test(stderr))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.wake();
    }
  });
  const closed = once(child, 'close') as Promise<[number | null, string | null]>;
  // A process that ends without showing the text fails the wait instead of leaving it hanging.
  void closed.then(([code]) => {
    for (const waiter of waiters.splice(0)) waiter.fail(new Error(`omni exited (${code}) before its standard error showed ${waiter.pattern}:\n${stderr}`));
  });
  return {
    child,
    stderrShows: (pattern) => (pattern.test(stderr) ? Promise.resolve() : new Promise((wake, fail) => waiters.push({ pattern, wake, fail }))),
    exited: async () => {
      const [code, signal] = await closed;
      return { code, signal, stdout, stderr };
    },
  };
}
