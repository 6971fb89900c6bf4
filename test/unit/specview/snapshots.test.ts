import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSpecPipeline } from '../../../src/core/agents/orchestrator';
import { addComment, updateSpecComments } from '../../../src/core/specs/comments';
import { specHash } from '../../../src/core/specs/spec-hash';
import { reviewViewUpdate } from '../../../src/extension/webviews/review-view/review-snapshot';
import { specViewUpdate } from '../../../src/extension/webviews/spec-view/spec-snapshot';
import { ReviewViewUpdate } from '../../../src/protocol/webview/review-view';
import { SpecViewUpdate } from '../../../src/protocol/webview/spec-view';
import { answers, harness, tempProjects } from '../agents/pipeline-harness';

const { closers, project } = tempProjects();

async function revisedSpec() {
  const root = await project();
  const { llm, workspace } = await harness(root, await answers('draft', 'review-revise', 'revised', 'review-pass', 'threats'), closers);
  const outcome = await runSpecPipeline({ task: 'Rate-limit the public API per client', workspace, llm });
  return { root: root, outcome, folder: workspace.open(outcome.slug), uri: `file://${outcome.specPath}` };
}

describe('what the spec and review views are sent', () => {
  it('the spec view: sections, checklist, comments with their lines, labelled revisions, the review state; valid for the protocol', async () => {
    const { folder, uri, outcome } = await revisedSpec();
    const outcomeSha = await specHash(await readFile(outcome.specPath, 'utf8'));
    await updateSpecComments(folder, (file) => ({ file: addComment(file, { anchor: { kind: 'requirement', id: 'R2' }, body: 'Which header?', author: 'ana', at: '2026-12-06T22:00:00.000Z', specSha256: outcomeSha }).file, result: undefined }));
    await updateSpecComments(folder, (file) => ({ file: addComment(file, { anchor: { kind: 'section', section: 'Gone Section' }, body: 'Old remark.', author: 'bo', at: '2026-12-06T20:00:00.000Z', specSha256: '0'.repeat(64) }).file, result: undefined }));
    const warnings: string[] = [];
    const update = SpecViewUpdate.parse(await specViewUpdate(folder, uri, (message) => warnings.push(message)));
    if (update.kind !== 'spec') throw new Error(`expected a spec, got ${JSON.stringify(update)}`);
    const { spec } = update;
    expect(spec).toMatchObject({ slug: outcome.slug, specUri: uri, frontmatter: { status: 'in_review', complexity: expect.any(String) }, approval: { kind: 'none' }, review: { overall: 9, decision: 'proceed', stale: false } });
    expect(spec.sections.map((section) => section.title)).toContain('Rollback Plan');
    expect(spec.sections.find((section) => section.key === 'requirements')?.requirementIds).toEqual(expect.arrayContaining(['R1', 'R2', 'R3']));
    expect(spec.checklist.items).toHaveLength(10);
    expect(spec.checklist.complete).toBe(true);
    const text = await readFile(outcome.specPath, 'utf8');
    const r2Line = text.split('\n').findIndex((line) => /R2\b/.test(line)) + 1;
    expect(spec.comments).toEqual({
      ok: true,
      items: [
        expect.objectContaining({ id: 'c1', anchorLabel: 'R2', line: r2Line, status: 'open', author: 'ana', outdated: false }),
        expect.objectContaining({ id: 'c2', anchorLabel: 'Gone Section', outdated: true }),
      ],
    });
    expect(spec.comments.ok && spec.comments.items[1]).not.toHaveProperty('line');
    expect(spec.revisions.map((revision) => [revision.number, revision.label])).toEqual([
      [1, 'draft'],
      [2, 'review round 1'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('the spec view names a broken comments.json and a spec.md that does not parse, with its line', async () => {
    const { folder, uri, outcome, root } = await revisedSpec();
    const comments = join(root, '.omni/specs', outcome.slug, 'comments.json');
    await writeFile(comments, '{"version": 1, "comments": [{"id": "x"}]}');
    const update = SpecViewUpdate.parse(await specViewUpdate(folder, uri, () => undefined));
    expect(update.kind === 'spec' && update.spec.comments).toMatchObject({ ok: false, path: comments, message: expect.stringContaining('comments.0.id') });

    await writeFile(outcome.specPath, (await readFile(outcome.specPath, 'utf8')).replace(/^complexity: .*$/m, 'complexity: enormous'));
    const broken = SpecViewUpdate.parse(await specViewUpdate(folder, uri, () => undefined));
    expect(broken).toMatchObject({ kind: 'error', path: outcome.specPath, problems: [{ line: expect.any(Number), message: expect.stringContaining('complexity') }] });
  });

  it('the review view: every round with ten scores, findings linked to spec lines, stale once the spec changes', async () => {
    const { folder, uri, outcome } = await revisedSpec();
    const update = ReviewViewUpdate.parse(await reviewViewUpdate(folder, uri));
    if (update.kind !== 'review') throw new Error(`expected a review, got ${JSON.stringify(update)}`);
    const { review } = update;
    expect(review.stale).toBe(false);
    expect(review.thresholds).toEqual({ proceed: 8, revise: 6 });
    expect(review.rounds.map((round) => [round.round, round.decision])).toEqual([
      [1, 'revise'],
      [2, 'proceed'],
    ]);
    expect(review.rounds[0]?.dimensions).toHaveLength(10);
    expect(review.rounds[0]?.dimensions[3]).toMatchObject({ key: 'failureModes', label: 'failure modes', score: 6 });
    const text = await readFile(outcome.specPath, 'utf8');
    const constraints = text.split('\n').indexOf('## Constraints') + 1;
    expect(review.rounds[0]?.findings).toEqual([expect.objectContaining({ location: 'Constraints', line: constraints, dimensionLabel: expect.any(String), severity: expect.any(String) })]);

    await writeFile(outcome.specPath, text.replace('## Rollback Plan\n', '## Rollback Plan\n\nEdited by hand.\n'));
    expect(await reviewViewUpdate(folder, uri)).toMatchObject({ kind: 'review', review: { stale: true } });
  });

  it('the review view before any review, and with a review.json that does not validate', async () => {
    const { folder, uri, outcome, root } = await revisedSpec();
    const path = join(root, '.omni/specs', outcome.slug, 'review.json');
    await writeFile(path, '{"version": 1}');
    expect(ReviewViewUpdate.parse(await reviewViewUpdate(folder, uri))).toMatchObject({ kind: 'error', path, message: expect.stringContaining('not a valid review record') });
    await rm(path);
    expect(await reviewViewUpdate(folder, uri)).toMatchObject({ kind: 'none', message: expect.stringContaining('not been reviewed') });
  });
});
