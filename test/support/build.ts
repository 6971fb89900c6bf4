import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Where the CLI tests find the bundle: built once per test run, apart from dist/. */
export const TEST_DIST = resolve('.cache/test-dist');

export default function setup(): void {
  execFileSync(process.execPath, ['esbuild.mjs', `--outdir=${TEST_DIST}`], { stdio: 'inherit' });
}
