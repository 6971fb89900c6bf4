import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    testDist: string;
  }
}

/**
 * Builds the bundle once per test run into a folder of its own (never dist/, never another run's),
 * so tests always run the code under test and parallel runs cannot pull files from under each other.
 */
export default function setup(project: TestProject): () => void {
  mkdirSync(resolve('.cache'), { recursive: true });
  const out = mkdtempSync(resolve('.cache/test-dist-'));
  execFileSync(process.execPath, ['esbuild.mjs', `--outdir=${out}`], { stdio: 'inherit' });
  project.provide('testDist', out);
  return () => rmSync(out, { recursive: true, force: true });
}
