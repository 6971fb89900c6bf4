import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approveSpec, specStatus } from '../../../src/core/agents/approve';
import { EmptyChangeRequestError, requestChanges } from '../../../src/core/agents/request-changes';
import { InvalidSpecCommentsError, openComments, readSpecComments, SpecComments } from '../../../src/core/specs/comments';
import { SpecParseError } from '../../../src/core/specs/spec-file';
import { specHash } from '../../../src/core/specs/spec-hash';
import { replay } from '../../../src/core/store/replay';
import { nodeSpecWorkspace } from '../../../src/node/specs/node-spec-workspace';

const FIXTURE = new URL('../../fixtures/workspace-specs', import.meta.url).pathname;
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

/** A copy of the side panel's fixture specs: one whose gates pass, one with open high and critical threats. */
async function fixtureWorkspace() {
  const root = await mkdtemp(join(tmpdir(), 'omni-panel-'));
  roots.push(root);
  await cp(FIXTURE, root, { recursive: true });
  const specFile = (slug: string) => join(root, '.omni', 'specs', slug, 'spec.md');
  return { root, workspace: nodeSpecWorkspace(root), specFile };
}

const at = new Date('2026-12-06T12:00:00.000Z');

describe('requestChanges', () => {
  it('sets the status to changes_requested, keeps the rest of the file, adds the comments for Refine and logs them', async () => {
    const { root, workspace, specFile } = await fixtureWorkspace();
    const before = await readFile(specFile('rate-limit-search'), 'utf8');
    const result = await requestChanges({ workspace, slug: 'rate-limit-search', by: 'ada', at, comments: ['  R2 needs a limit per IP too ', '', 'Say how the limit is configured.'] });
    expect(result.comments.map((comment) => [comment.id, comment.body])).toEqual([
      ['c1', 'R2 needs a limit per IP too'],
      ['c2', 'Say how the limit is configured.'],
    ]);
    const after = await readFile(specFile('rate-limit-search'), 'utf8');
    expect(after).toBe(before.replace('status: in_review', 'status: changes_requested'));

    const onDisk = JSON.parse(await readFile(join(root, '.omni/specs/rate-limit-search/comments.json'), 'utf8')) as unknown;
    expect(onDisk).toEqual({
      version: 1,
      comments: [
        { id: 'c1', anchor: { kind: 'spec' }, body: 'R2 needs a limit per IP too', author: 'ada', created_at: at.toISOString(), source: 'request-changes', spec_sha256: await specHash(before), status: 'open' },
        { id: 'c2', anchor: { kind: 'spec' }, body: 'Say how the limit is configured.', author: 'ada', created_at: at.toISOString(), source: 'request-changes', spec_sha256: await specHash(before), status: 'open' },
      ],
    });
    // Refine reads them as open comments.
    expect(openComments(await readSpecComments(workspace.open('rate-limit-search'))).map((comment) => comment.id)).toEqual(['c1', 'c2']);

    const events = await workspace.open('rate-limit-search').readEvents();
    expect(events.at(-1)).toEqual({
      type: 'changes-requested',
      at: at.toISOString(),
      by: 'ada',
      comments: [
        { id: 'c1', body: 'R2 needs a limit per IP too' },
        { id: 'c2', body: 'Say how the limit is configured.' },
      ],
    });
    expect(replay(events)).toMatchObject({
      phase: 'needs-human',
      nextStep: 'none',
      reasons: ['changes requested by ada (c1: R2 needs a limit per IP too)', 'changes requested by ada (c2: Say how the limit is configured.)'],
    });
    expect(replay(events).history.at(-1)?.text).toBe('changes requested by ada: c1: R2 needs a limit per IP too; c2: Say how the limit is configured.');
    const [, summary] = await specStatus(workspace);
    expect(summary).toMatchObject({ slug: 'rate-limit-search', phase: 'needs-human', approval: { kind: 'none' } });
  });

  it('numbers new comments after the ones already there', async () => {
    const { root, workspace } = await fixtureWorkspace();
    await requestChanges({ workspace, slug: 'rate-limit-search', by: 'ada', at, comments: ['first'] });
    const second = await requestChanges({ workspace, slug: 'rate-limit-search', by: 'grace', at, comments: ['second'] });
    expect(second.comments.map((comment) => comment.id)).toEqual(['c2']);
    const onDisk = SpecComments.parse(JSON.parse(await readFile(join(root, '.omni/specs/rate-limit-search/comments.json'), 'utf8')));
    expect(onDisk.comments.map((comment) => [comment.id, comment.author])).toEqual([
      ['c1', 'ada'],
      ['c2', 'grace'],
    ]);
  });

  it('voids a valid approval and says so in the log', async () => {
    const { workspace } = await fixtureWorkspace();
    expect(await approveSpec({ workspace, slug: 'rate-limit-search', by: 'ada', at })).toMatchObject({ approved: true });
    await requestChanges({ workspace, slug: 'rate-limit-search', by: 'grace', at, comments: ['Rollback plan is missing the cache flush.'] });
    const events = await workspace.open('rate-limit-search').readEvents();
    expect(events.slice(-2).map((event) => event.type)).toEqual(['approval-voided', 'changes-requested']);
    expect(events.at(-2)).toMatchObject({ by: 'ada', reason: 'changes requested by grace' });
    const summary = (await specStatus(workspace)).find((spec) => spec.slug === 'rate-limit-search');
    expect(summary?.approval.kind).toBe('void');
  });

  it('refuses empty comments and writes nothing', async () => {
    const { workspace, specFile } = await fixtureWorkspace();
    const before = await readFile(specFile('rate-limit-search'), 'utf8');
    const eventsBefore = await workspace.open('rate-limit-search').readEvents();
    await expect(requestChanges({ workspace, slug: 'rate-limit-search', by: 'ada', at, comments: [' ', ''] })).rejects.toThrow(EmptyChangeRequestError);
    expect(await readFile(specFile('rate-limit-search'), 'utf8')).toBe(before);
    expect(await workspace.open('rate-limit-search').readEvents()).toEqual(eventsBefore);
  });

  it('never overwrites a spec that does not parse, and writes or logs nothing', async () => {
    const { root, workspace, specFile } = await fixtureWorkspace();
    const broken = (await readFile(specFile('export-audit-log'), 'utf8')).replace('status: in_review', 'status: [in_review');
    await writeFile(specFile('export-audit-log'), broken);
    const eventsBefore = await workspace.open('export-audit-log').readEvents();
    const failure = requestChanges({ workspace, slug: 'export-audit-log', by: 'ada', at, comments: ['anything'] });
    await expect(failure).rejects.toThrow(SpecParseError);
    await expect(failure).rejects.toThrow(/export-audit-log\/spec\.md:5:/);
    expect(await readFile(specFile('export-audit-log'), 'utf8')).toBe(broken);
    await expect(readFile(join(root, '.omni/specs/export-audit-log/comments.json'), 'utf8')).rejects.toThrow(/ENOENT/);
    expect(await workspace.open('export-audit-log').readEvents()).toEqual(eventsBefore);
  });

  it('never overwrites a comments.json that does not validate, and leaves the spec as it was', async () => {
    const { root, workspace, specFile } = await fixtureWorkspace();
    const comments = join(root, '.omni/specs/rate-limit-search/comments.json');
    const invalid = '{ "version": 1, "comments": [{ "id": "c1" }] }\n';
    await writeFile(comments, invalid);
    const before = await readFile(specFile('rate-limit-search'), 'utf8');
    await expect(requestChanges({ workspace, slug: 'rate-limit-search', by: 'ada', at, comments: ['anything'] })).rejects.toThrow(InvalidSpecCommentsError);
    await expect(requestChanges({ workspace, slug: 'rate-limit-search', by: 'ada', at, comments: ['anything'] })).rejects.toThrow(/rate-limit-search\/comments\.json: not a valid comments file/);
    expect(await readFile(comments, 'utf8')).toBe(invalid);
    expect(await readFile(specFile('rate-limit-search'), 'utf8')).toBe(before);
  });
});

describe('the side panel fixture specs', () => {
  it('list with their gates: one passes, one has open high and critical threats', async () => {
    const { workspace } = await fixtureWorkspace();
    const summaries = await specStatus(workspace);
    expect(summaries.map((spec) => [spec.slug, spec.phase, spec.decision, spec.reviewStale, spec.blockingThreats, spec.problem])).toEqual([
      ['export-audit-log', 'awaiting-approval', 'proceed', false, 2, undefined],
      ['rate-limit-search', 'awaiting-approval', 'proceed', false, 0, undefined],
    ]);
    expect(summaries[0]?.openThreats).toEqual({ low: 1, medium: 1, high: 1, critical: 1 });
  });

  it('approve as the code-server check expects', async () => {
    const { workspace, specFile } = await fixtureWorkspace();
    const refused = await approveSpec({ workspace, slug: 'export-audit-log', by: 'ada', at });
    expect(refused.approved).toBe(false);
    expect(refused.approved ? [] : refused.reasons.join('\n')).toMatch(/Threat T2 "SQL injection in order search" is open with critical risk/);
    expect(await approveSpec({ workspace, slug: 'rate-limit-search', by: 'ada', at })).toMatchObject({ approved: true });
    expect(await readFile(specFile('rate-limit-search'), 'utf8')).toMatch(/^status: approved$/m);
  });
});
