import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSpecPipeline } from '../../../src/core/agents/orchestrator';
import { NothingToRefineError, refineSpec } from '../../../src/core/agents/refine';
import { LlmError } from '../../../src/core/llm/provider';
import { addComment, InvalidSpecCommentsError, readSpecComments, updateSpecComments, type CommentAnchor } from '../../../src/core/specs/comments';
import { diffRevisions, listSpecRevisions, readSpecRevision } from '../../../src/core/specs/revisions';
import { parseSpec } from '../../../src/core/specs/spec-file';
import { replay } from '../../../src/core/store/replay';
import type { SpecWorkspace } from '../../../src/core/agents/spec-workspace';
import { answers, harness, promptsAsked, tempProjects } from '../agents/pipeline-harness';

const TASK = 'Rate-limit the public API per client';
const { closers, project } = tempProjects();

async function comment(workspace: SpecWorkspace, slug: string, anchor: CommentAnchor, body: string) {
  await updateSpecComments(workspace.open(slug), (file) => ({ file: addComment(file, { anchor, body, author: 'ana', at: '2026-12-06T22:00:00.000Z' }).file, result: undefined }));
}

describe('Refine: comments go to the Architect like review findings', () => {
  it('revises with the open comments, keeps a hand edit, logs the diff, resolves the comments and reviews again', async () => {
    const root = await project();
    const { server, llm, workspace } = await harness(root, await answers('draft', 'review-pass', 'threats', 'revised', 'review-pass', 'threats'), closers);
    const first = await runSpecPipeline({ task: TASK, workspace, llm });
    const folder = workspace.open(first.slug);
    await comment(workspace, first.slug, { kind: 'requirement', id: 'R1' }, 'What happens when the client map is full?');
    await comment(workspace, first.slug, { kind: 'section', section: 'Architecture Decision' }, 'Say how operators see evictions.');
    const handEdited = (await readFile(first.specPath, 'utf8')).replace('## Rollback Plan\n', '## Rollback Plan\n\nHand note: keep the old limiter behind a flag for one release.\n');
    await writeFile(first.specPath, handEdited);

    const progress: string[] = [];
    const outcome = await refineSpec({ workspace, llm, slug: first.slug, onProgress: (p) => progress.push(p.step) });

    expect(outcome).toMatchObject({ phase: 'awaiting-approval', answered: ['c1', 'c2'], conflicts: [] });
    expect(progress).toEqual(['refine', 'complete', 'review', 'threats', 'done']);
    expect(promptsAsked(server)).toEqual(['architect/spec', 'reviewer/design-review', 'threatModeler/threats', 'architect/revise', 'reviewer/design-review', 'threatModeler/threats']);
    const asked = server.chatBodies()[3]?.messages?.map((message) => message.content).join('\n') ?? '';
    expect(asked).toContain('- R1: What happens when the client map is full? (reviewer comment c1 by ana)');
    expect(asked).toContain('- Architecture Decision: Say how operators see evictions. (reviewer comment c2 by ana)');
    expect(asked).toContain('Hand note: keep the old limiter');

    const spec = parseSpec(await readFile(first.specPath, 'utf8'), first.specPath);
    expect(spec.requirements.map((requirement) => requirement.id)).toContain('R3');
    expect(spec.section('rollbackPlan')?.body).toContain('Hand note: keep the old limiter behind a flag for one release.');

    const comments = await readSpecComments(folder);
    expect(comments.comments.map((entry) => [entry.id, entry.status, entry.resolved_by])).toEqual([
      ['c1', 'resolved', 'architect'],
      ['c2', 'resolved', 'architect'],
    ]);

    const events = await folder.readEvents();
    const handoff = events.findLast((event) => event.type === 'handoff' && event.handoff.from === 'human');
    expect(handoff?.type === 'handoff' && handoff.handoff).toMatchObject({ to: 'architect', handoff_type: 'review-findings', constraints: ['R1: What happens when the client map is full? (reviewer comment c1 by ana)', 'Architecture Decision: Say how operators see evictions. (reviewer comment c2 by ana)'] });
    const revision = events.findLast((event) => event.type === 'revision');
    expect(revision).toMatchObject({ type: 'revision', cause: 'comments' });
    expect(revision?.type === 'revision' && revision.diff).toContain('+#### R3:');
    expect(replay(events).history.map((entry) => entry.kind)).toContain('review-requested');
    expect(replay(events)).toMatchObject({ round: 2, phase: 'awaiting-approval' });

    const revisions = await listSpecRevisions(folder);
    expect(revisions.map((entry) => [entry.number, entry.label])).toEqual([
      [1, 'draft'],
      [2, 'refined from comments'],
    ]);
    const diff = diffRevisions(await readSpecRevision(folder, 1), await readSpecRevision(folder, 2));
    const added = diff.hunks.flatMap((hunk) => hunk.lines).filter((line) => line.kind === 'added');
    expect(added.map((line) => line.text)).toContain('Hand note: keep the old limiter behind a flag for one release.');
    expect(added.some((line) => line.text.startsWith('#### R3:'))).toBe(true);
    expect(diff.added).toBe(added.length);
  });

  it('refuses without open comments, and a broken comments.json is named and left alone', async () => {
    const root = await project();
    const { server, llm, workspace } = await harness(root, await answers('draft', 'review-pass', 'threats'), closers);
    const first = await runSpecPipeline({ task: TASK, workspace, llm });
    await expect(refineSpec({ workspace, llm, slug: first.slug })).rejects.toBeInstanceOf(NothingToRefineError);
    const path = join(root, '.omni/specs', first.slug, 'comments.json');
    await writeFile(path, '{"version": 2, "comments": []}');
    await expect(refineSpec({ workspace, llm, slug: first.slug })).rejects.toThrow(InvalidSpecCommentsError);
    await expect(refineSpec({ workspace, llm, slug: first.slug })).rejects.toThrow(path);
    expect(await readFile(path, 'utf8')).toBe('{"version": 2, "comments": []}');
    expect(server.chatBodies()).toHaveLength(3);
  });

  it('cancelled: the spec and the comments stay as they were', async () => {
    const root = await project();
    const { llm, workspace } = await harness(root, await answers('draft', 'review-pass', 'threats', 'revised'), closers);
    const first = await runSpecPipeline({ task: TASK, workspace, llm });
    await comment(workspace, first.slug, { kind: 'spec' }, 'Too vague.');
    const before = await readFile(first.specPath, 'utf8');
    const controller = new AbortController();
    const refined = refineSpec({ workspace, llm, slug: first.slug, signal: controller.signal, onProgress: ({ step }) => step === 'refine' && controller.abort() });
    await expect(refined).rejects.toBeInstanceOf(LlmError);
    await expect(refined).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await readFile(first.specPath, 'utf8')).toBe(before);
    expect((await readSpecComments(workspace.open(first.slug))).comments[0]?.status).toBe('open');
    expect((await listSpecRevisions(workspace.open(first.slug))).map((entry) => entry.number)).toEqual([1]);
  });
});
