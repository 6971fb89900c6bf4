import { spawn, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** A child process that exited with a non-zero code, with where to read its output. */
export class CommandFailedError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly detail: string,
  ) {
    super(`${command} failed (exit ${exitCode ?? 'signal'}): ${detail}`);
    this.name = 'CommandFailedError';
  }
}

/**
 * The environment without the `npm_*` variables `npm run` adds: a nested npm would otherwise pick
 * up this project's prefix and config instead of its own folder's.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, ...extra };
}

/** Runs a command to completion, its output going to `logFile`; rejects with the log's tail on failure. */
export async function runLogged(command: string, args: string[], logFile: string, options: SpawnOptions): Promise<void> {
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  await new Promise<void>((resolve) => log.end(resolve));
  if (exitCode !== 0) {
    const tail = (await readFile(logFile, 'utf8')).split('\n').slice(-30).join('\n');
    throw new CommandFailedError(`${command} ${args.join(' ')}`, exitCode, `see ${logFile}\n${tail}`);
  }
}

/** Runs a command and returns its trimmed standard output. */
export async function capture(command: string, args: string[], options: SpawnOptions = {}): Promise<string> {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (exitCode !== 0) throw new CommandFailedError(`${command} ${args.join(' ')}`, exitCode, err.trim());
  return out.trim();
}
