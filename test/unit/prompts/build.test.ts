import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

function build(cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['esbuild.mjs', '--outdir=out'], { cwd }, (error, _stdout, stderr) => {
      done({ code: error && typeof error.code === 'number' ? error.code : error ? 99 : 0, stderr });
    });
  });
}

describe('the build', () => {
  it('refuses an invalid prompt file, naming the file and line', async () => {
    // A checkout whose only difference is one prompt with a version that does not match its file name.
    const root = await mkdtemp(join(tmpdir(), 'omni-build-'));
    await symlink(resolve('src'), join(root, 'src'), 'dir');
    await symlink(resolve('node_modules'), join(root, 'node_modules'), 'dir');
    await copyFile('esbuild.mjs', join(root, 'esbuild.mjs'));
    await mkdir(join(root, 'prompts', 'reviewer'), { recursive: true });
    const good = await readFile('prompts/reviewer/design-review.v1.md', 'utf8');
    await writeFile(join(root, 'prompts', 'reviewer', 'design-review.v1.md'), good.replace('version: 1', 'version: 2'));

    const result = await build(root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid prompt files:\nprompts/reviewer/design-review.v1.md:3: version 2 does not match the file name (.v1.md)');
  });
});
