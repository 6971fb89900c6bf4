import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approveSpec, specStatus } from '../../../src/core/agents/approve';
import { EmptyChangeRequestError, requestChanges } from '../../../src/core/agents/request-changes';
import { SpecParseError } from '../../../src/core/specs/spec-file';
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
  it('sets the status to changes_requested, keeps the rest of the file, and logs every comment', async () => {
    const { workspace, specFile } = await fixtureWorkspace();
    const before = await readFile(specFile('rate-limit-search'), 'utf8');
    const result = await requestChanges({ workspace, slug: 'rate-limit-search', by: 'ada', at, comments: ['  R2 needs a limit per IP too ', '', 'Say how the limit is configured.'] });
    expect(result.comments).toEqual(['R2 needs a limit per IP too', 'Say how the limit is configured.']);
    const after = await readFile(specFile('rate-limit-search'), 'utf8');
    expect(after).toBe(before.replace('status: in_review', 'status: changes_requested'));
    const events = await workspace.open('rate-limit-search').readEvents();
    expect(events.at(-1)).toEqual({
      type: 'phase',
      at: at.toISOString(),
      phase: 'needs-human',
      reasons: ['changes requested by ada: R2 needs a limit per IP too', 'changes requested by ada: Say how the limit is configured.'],
    });
    expect(replay(events)).toMatchObject({ phase: 'needs-human', nextStep: 'none' });
    const [, summary] = await specStatus(workspace);
    expect(summary).toMatchObject({ slug: 'rate-limit-search', phase: 'needs-human', approval: { kind: 'none' } });
  });

  it('voids a valid approval and says so in the log', async () => {
    const { workspace } = await fixtureWorkspace();
    expect(await approveSpec({ workspace, slug: 'rate-limit-search', by: 'ada', at })).toMatchObject({ approved: true });
    await requestChanges({ workspace, slug: 'rate-limit-search', by: 'grace', at, comments: ['Rollback plan is missing the cache flush.'] });
    const events = await workspace.open('rate-limit-search').readEvents();
    expect(events.slice(-2).map((event) => event.type)).toEqual(['approval-voided', 'phase']);
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

  it('never overwrites a spec that does not parse, and logs nothing', async () => {
    const { workspace, specFile } = await fixtureWorkspace();
    const broken = (await readFile(specFile('export-audit-log'), 'utf8')).replace('status: in_review', 'status: [in_review');
    await writeFile(specFile('export-audit-log'), broken);
    const eventsBefore = await workspace.open('export-audit-log').readEvents();
    const failure = requestChanges({ workspace, slug: 'export-audit-log', by: 'ada', at, comments: ['anything'] });
    await expect(failure).rejects.toThrow(SpecParseError);
    await expect(failure).rejects.toThrow(/export-audit-log\/spec\.md:5:/);
    expect(await readFile(specFile('export-audit-log'), 'utf8')).toBe(broken);
    expect(await workspace.open('export-audit-log').readEvents()).toEqual(eventsBefore);
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
