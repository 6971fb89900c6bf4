import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SpecFileError, SpecNotFoundError, slugify } from '../../../src/core/agents/spec-workspace';
import { nodeSpecWorkspace } from '../../../src/node/specs/node-spec-workspace';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function workspace() {
  const root = await mkdtemp(join(tmpdir(), 'omni-specs-'));
  roots.push(root);
  return { root, workspace: nodeSpecWorkspace(root) };
}

describe('spec workspace on disk', () => {
  it('makes short readable slugs, unique in the workspace', async () => {
    expect(slugify('Add rate limiting to the public API — per client, in Zürich!')).toBe('add-rate-limiting-to-the-public-api-per-client');
    expect(slugify('???')).toBe('spec');
    const { workspace: specs } = await workspace();
    const first = await specs.create('Rate limit');
    const second = await specs.create('Rate limit');
    expect([first.slug, second.slug]).toEqual(['rate-limit', 'rate-limit-2']);
    expect(await specs.list()).toEqual(['rate-limit', 'rate-limit-2']);
    expect(() => specs.open('../etc')).toThrow(SpecNotFoundError);
  });

  it('reads what is not there as nothing, and names a file that is not JSON', async () => {
    const { root, workspace: specs } = await workspace();
    const folder = await specs.create('Export');
    expect(await folder.readSpec()).toBeUndefined();
    expect(await folder.readJson('review.json')).toBeUndefined();
    expect(await folder.readEvents()).toEqual([]);
    await writeFile(join(root, '.omni/specs/export/review.json'), '{ "version": 1,');
    await expect(folder.readJson('review.json')).rejects.toThrow(SpecFileError);
    await expect(folder.readJson('review.json')).rejects.toThrow(/\/\.omni\/specs\/export\/review\.json: not valid JSON/);
  });

  it('keeps files for the user under .agent and writes JSON readably', async () => {
    const { root, workspace: specs } = await workspace();
    const folder = await specs.create('Export');
    const kept = await folder.keep('draft-answers.json', '[]\n');
    expect(kept).toEqual({ path: join(root, '.omni/specs/export/.agent/draft-answers.json'), relative: '.agent/draft-answers.json' });
    await folder.writeJson('threats.json', { version: 1 });
    expect(await readFile(join(root, '.omni/specs/export/threats.json'), 'utf8')).toBe('{\n  "version": 1\n}\n');
  });
});
