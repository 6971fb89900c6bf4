import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    webviewDist: string;
  }
}

/** Fixture panels the harness tests itself with; they never reach the product's dist/webview. */
const FIXTURES = { 'harness-fixture': 'test/webview/fixtures/harness-fixture/main.ts' };

/**
 * Builds every panel once per run with the product's own build (esbuild.mjs --webview-only), into a
 * folder of this run's own, so the tests load exactly the bundles the extension ships.
 */
export default function setup(project: TestProject): () => void {
  mkdirSync(resolve('.cache'), { recursive: true });
  const out = mkdtempSync(resolve('.cache/webview-test-'));
  const fixtures = Object.entries(FIXTURES).map(([name, main]) => `--webview-entry=${name}=${main}`);
  execFileSync(process.execPath, ['esbuild.mjs', '--webview-only', `--outdir=${out}`, ...fixtures], { stdio: 'inherit' });
  project.provide('webviewDist', resolve(out, 'webview'));
  return () => rmSync(out, { recursive: true, force: true });
}
