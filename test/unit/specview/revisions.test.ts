import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSpecPipeline } from '../../../src/core/agents/orchestrator';
import { diffRevisions, listSpecRevisions, readSpecRevision, RevisionNotFoundError } from '../../../src/core/specs/revisions';
import { answers, harness, tempProjects } from '../agents/pipeline-harness';

const { closers, project } = tempProjects();

describe('spec revisions', () => {
  it('keeps every text an agent wrote, named after the step that wrote it, and diffs any two with line numbers', async () => {
    const root = await project();
    const { llm, workspace } = await harness(root, await answers('draft-incomplete', 'draft', 'review-revise', 'revised', 'review-pass', 'threats'), closers);
    const outcome = await runSpecPipeline({ task: 'Rate-limit the public API per client', workspace, llm });
    const folder = workspace.open(outcome.slug);
    const revisions = await listSpecRevisions(folder);
    expect(revisions.map((revision) => [revision.number, revision.label])).toEqual([
      [1, 'draft'],
      [2, 'completeness fix'],
      [3, 'review round 1'],
    ]);
    expect(revisions.every((revision) => revision.at !== undefined)).toBe(true);
    expect(await readFile(join(root, '.omni/specs', outcome.slug, '.agent/revisions/3.md'), 'utf8')).toBe(await readSpecRevision(folder, 3));

    const diff = diffRevisions(await readSpecRevision(folder, 2), await readSpecRevision(folder, 'current'), 0);
    const current = (await readSpecRevision(folder, 'current')).split('\n');
    const before = (await readSpecRevision(folder, 2)).split('\n');
    for (const line of diff.hunks.flatMap((hunk) => hunk.lines)) {
      if (line.kind === 'added') expect(current[(line.newLine ?? 0) - 1]).toBe(line.text);
      if (line.kind === 'removed') expect(before[(line.oldLine ?? 0) - 1]).toBe(line.text);
    }
    expect(diff.added).toBeGreaterThan(0);
    expect(diffRevisions('a\nb\n', 'a\nb\n')).toEqual({ hunks: [], added: 0, removed: 0 });
    await expect(readSpecRevision(folder, 9)).rejects.toThrow(RevisionNotFoundError);
    await expect(readSpecRevision(folder, 9)).rejects.toThrow(`spec "${outcome.slug}" has no revision 9`);
  });
});
