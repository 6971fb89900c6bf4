import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

/**
 * Builds the extension under test with the project's own esbuild.mjs into `folder`, beside a copy of
 * package.json and the icons: the same layout as the packaged extension, so the host loads `main` from dist/.
 */
export async function buildExtension(root: string, folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await promisify(execFile)(process.execPath, ['esbuild.mjs', `--outdir=${join(folder, 'dist')}`], { cwd: root });
  await copyFile(join(root, 'package.json'), join(folder, 'package.json'));
  // The icons package.json names (the activity bar hides a container whose icon is missing); not the screenshots.
  await mkdir(join(folder, 'media'), { recursive: true });
  for (const entry of await readdir(join(root, 'media'), { withFileTypes: true })) {
    if (entry.isFile()) await copyFile(join(root, 'media', entry.name), join(folder, 'media', entry.name));
  }
}

/**
 * Compiles the suite: index (the `run()` entry), the tiny test runner, and each `*.test.ts` bundled
 * on its own. `vscode` comes from the extension host; `./tdd` stays a shared module so every test
 * file registers with the one runner that index runs.
 */
export async function buildSuite(suiteSource: string, out: string): Promise<string> {
  await rm(out, { recursive: true, force: true });
  const tests = (await readdir(suiteSource)).filter((name) => name.endsWith('.test.ts'));
  await build({
    entryPoints: ['index.ts', 'tdd.ts', ...tests].map((name) => join(suiteSource, name)),
    outdir: out,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['vscode', './tdd'],
    loader: { '.scm': 'text' },
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(out, 'index');
}
