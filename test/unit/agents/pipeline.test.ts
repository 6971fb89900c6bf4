import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApprovalRequiredError, approveSpec, rejectSpec, requireApproval, specStatus } from '../../../src/core/agents/approve';
import { resumeSpecPipeline, reviewSpecAgain, runSpecPipeline } from '../../../src/core/agents/orchestrator';
import { parseReviewRecord } from '../../../src/core/review/review-record';
import { SpecDraft } from '../../../src/core/schemas/spec-draft';
import { printSpec } from '../../../src/core/specs/print-spec';
import { parseSpec } from '../../../src/core/specs/spec-file';
import { replay } from '../../../src/core/store/replay';
import { parseThreatsFile, setThreatStatus } from '../../../src/core/threats/threats-file';
import { answers, harness, MODEL, promptsAsked, tempProjects } from './pipeline-harness';

const TASK = 'Rate-limit the public API per client';
const { closers, project } = tempProjects();

const at = new Date('2026-12-06T22:00:00Z');

describe('spec pipeline, through the real clients and a scripted Ollama', () => {
  it('passes first time: drafted with the project as context, reviewed, threat-modelled, then approved, and the approval voided by an edit', async () => {
    const root = await project();
    const { server, llm, workspace } = await harness(root, await answers('draft', 'review-pass', 'threats'), closers);
    const progress: string[] = [];
    const outcome = await runSpecPipeline({ task: TASK, workspace, llm, onProgress: (p) => progress.push(p.step) });

    expect(outcome).toMatchObject({ slug: 'rate-limit-the-public-api-per-client', phase: 'awaiting-approval', nextStep: 'none', overall: 9, openThreats: 1, blockingThreats: 0 });
    expect(promptsAsked(server)).toEqual(['architect/spec', 'reviewer/design-review', 'threatModeler/threats']);
    expect(progress).toEqual(['draft', 'complete', 'review', 'threats', 'done']);
    const architectAsked = server.chatBodies()[0]?.messages?.map((message) => message.content).join('\n') ?? '';
    expect(architectAsked).toContain(TASK);
    expect(architectAsked).toContain('- src/server.ts: startServer, RequestRouter, internal');
    expect(architectAsked).toContain('- src/billing.py: Invoice, charge');
    expect(architectAsked).toContain('Every error the API returns is JSON');
    expect(architectAsked).toContain('# Shop API');

    const text = await readFile(outcome.specPath, 'utf8');
    const spec = parseSpec(text, outcome.specPath);
    expect(spec.frontmatter).toMatchObject({ title: 'Rate-limit the public API', status: 'in_review', models: { architect: `ollama/${MODEL}` } });
    expect(spec.frontmatter.prompt_versions).toMatchObject({ 'architect/spec': 2, 'reviewer/design-review': 1, 'threatModeler/threats': 2 });
    const review = parseReviewRecord(JSON.parse(await readFile(join(root, '.omni/specs', outcome.slug, 'review.json'), 'utf8')), 'review.json');
    expect(review).toMatchObject({ decision: 'proceed', overall: 9 });

    const folder = workspace.open(outcome.slug);
    const events = await folder.readEvents();
    const handoffs = events.flatMap((event) => (event.type === 'handoff' ? [`${event.handoff.from}->${event.handoff.to}`] : []));
    expect(handoffs).toEqual(['human->architect', 'architect->completeness', 'completeness->reviewer', 'reviewer->threatModeler', 'threatModeler->human']);
    expect(replay(events)).toMatchObject({ phase: 'awaiting-approval', round: 1 });

    await expect(requireApproval(workspace, outcome.slug)).rejects.toBeInstanceOf(ApprovalRequiredError);
    expect(await approveSpec({ workspace, slug: outcome.slug, by: 'ada', at })).toMatchObject({ approved: true });
    await requireApproval(workspace, outcome.slug);
    expect(parseSpec(await readFile(outcome.specPath, 'utf8'), outcome.specPath).frontmatter).toMatchObject({ status: 'approved', approval: { by: 'ada' } });
    expect((await specStatus(workspace))[0]).toMatchObject({ phase: 'approved', approval: { kind: 'valid', by: 'ada' }, overall: 9, decision: 'proceed', reviewStale: false });

    writeFileSync(outcome.specPath, readFileSync(outcome.specPath, 'utf8').replace('10 requests in the current second', '20 requests in the current second'));
    await expect(requireApproval(workspace, outcome.slug)).rejects.toThrow(/must be approved again/);
    const [status] = await specStatus(workspace);
    expect(status).toMatchObject({ phase: 'awaiting-approval', approval: { kind: 'void' }, reviewStale: true });
    const refused = await approveSpec({ workspace, slug: outcome.slug, by: 'ada', at });
    expect(refused.approved).toBe(false);
    const log = replay(await folder.readEvents());
    expect(log.history.map((entry) => entry.kind).slice(-3)).toEqual(['approval', 'approval-voided', 'refusal']);
  });

  it('revises once with the findings, keeps the diff, then proceeds, each role on its configured model', async () => {
    const root = await project();
    const { server, llm, workspace } = await harness(root, await answers('draft', 'review-revise', 'revised', 'review-pass', 'threats'), closers, { roleModels: { reviewer: 'llama3.1:8b' } });
    const outcome = await runSpecPipeline({ task: TASK, workspace, llm });

    expect(server.chatBodies().map((body) => body.model)).toEqual([MODEL, 'llama3.1:8b', MODEL, 'llama3.1:8b', MODEL]);
    expect(parseSpec(await readFile(outcome.specPath, 'utf8'), outcome.specPath).frontmatter.models).toEqual({ architect: `ollama/${MODEL}`, reviewer: 'ollama/llama3.1:8b', threatModeler: `ollama/${MODEL}` });

    expect(outcome).toMatchObject({ phase: 'awaiting-approval', overall: 9 });
    expect(promptsAsked(server)).toEqual(['architect/spec', 'reviewer/design-review', 'architect/revise', 'reviewer/design-review', 'threatModeler/threats']);
    const reviseAsked = server.chatBodies()[2]?.messages?.at(-1)?.content ?? '';
    expect(reviseAsked).toContain('Constraints: [medium, failureModes] Eviction of tracked clients is unobservable.');
    expect(reviseAsked).toContain('#### R1: The API rejects');
    const events = await workspace.open(outcome.slug).readEvents();
    const revision = events.find((event) => event.type === 'revision');
    expect(revision).toMatchObject({ cause: 'review', round: 1, conflicts: [] });
    expect(revision?.type === 'revision' ? revision.diff : '').toMatch(/^\+#### R3: When the client map is full/m);
    expect(await readFile(outcome.specPath, 'utf8')).toContain('#### R3: When the client map is full');
    const review = parseReviewRecord(JSON.parse(await readFile(outcome.specPath.replace('spec.md', 'review.json'), 'utf8')), 'review.json');
    expect(review.rounds.map((round) => [round.overall, round.decision])).toEqual([
      [7.2, 'revise'],
      [9, 'proceed'],
    ]);
  });

  it('stops for a human below 6, with the reasons, and models no threats', async () => {
    const root = await project();
    const { server, llm, workspace } = await harness(root, await answers('draft', 'review-fail'), closers);
    const outcome = await runSpecPipeline({ task: TASK, workspace, llm });

    expect(outcome).toMatchObject({ phase: 'needs-human', nextStep: 'none', overall: 4.4 });
    expect(outcome.reasons[0]).toMatch(/^Overall score 4\.4\/10 is below 6/);
    expect(server.chatBodies()).toHaveLength(2);
    expect(parseSpec(await readFile(outcome.specPath, 'utf8'), outcome.specPath).frontmatter.status).toBe('changes_requested');
    expect(await workspace.open(outcome.slug).readJson('threats.json')).toBeUndefined();
    expect(await approveSpec({ workspace, slug: outcome.slug, by: 'ada', at })).toMatchObject({ approved: false });

    // The user rethinks the design by hand, then asks for a new review.
    writeFileSync(outcome.specPath, readFileSync(outcome.specPath, 'utf8').replace('A fixed-window counter per client', 'A fixed-window counter per client, owned by the one server process,'));
    const again = await harness(root, await answers('review-pass', 'threats'), closers);
    const reviewed = await reviewSpecAgain({ slug: outcome.slug, workspace: again.workspace, llm: again.llm });
    expect(reviewed).toMatchObject({ phase: 'awaiting-approval', overall: 9 });
    expect(promptsAsked(again.server)).toEqual(['reviewer/design-review', 'threatModeler/threats']);
    const review = parseReviewRecord(JSON.parse(await readFile(outcome.specPath.replace('spec.md', 'review.json'), 'utf8')), 'review.json');
    expect(review.rounds.map((round) => round.decision)).toEqual(['needs-human', 'proceed']);

    await rejectSpec({ workspace, slug: outcome.slug, by: 'bob', at, reason: 'we will buy a gateway instead' });
    expect(parseSpec(await readFile(outcome.specPath, 'utf8'), outcome.specPath).frontmatter.status).toBe('rejected');
    expect((await specStatus(workspace))[0]).toMatchObject({ phase: 'rejected', nextStep: 'none', reasons: ['rejected by bob: we will buy a gateway instead'] });
  });

  it('sends an incomplete draft back to the Architect before any review', async () => {
    const root = await project();
    const { server, llm, workspace } = await harness(root, await answers('draft-incomplete', 'draft', 'review-pass', 'threats'), closers);
    const outcome = await runSpecPipeline({ task: TASK, workspace, llm });

    expect(outcome.phase).toBe('awaiting-approval');
    expect(promptsAsked(server)).toEqual(['architect/spec', 'architect/revise', 'reviewer/design-review', 'threatModeler/threats']);
    const fixAsked = server.chatBodies()[1]?.messages?.at(-1)?.content ?? '';
    expect(fixAsked).toMatch(/Rollback Plan/i);
    const kinds = (await workspace.open(outcome.slug).readEvents()).filter((event) => ['completeness', 'revision', 'review'].includes(event.type));
    expect(kinds.map((event) => (event.type === 'completeness' ? `completeness:${event.complete}` : event.type))).toEqual(['completeness:false', 'revision', 'completeness:true', 'review']);
  });

  it('stops for a human when the Architect cannot complete the spec, without a single review request', async () => {
    const root = await project();
    const { server, llm, workspace } = await harness(root, await answers('draft-incomplete', 'draft-incomplete', 'draft-incomplete'), closers);
    const outcome = await runSpecPipeline({ task: TASK, workspace, llm });

    expect(outcome).toMatchObject({ phase: 'needs-human' });
    expect(outcome.reasons[0]).toBe('the spec is still incomplete after 2 fixes by the Architect');
    expect(promptsAsked(server)).toEqual(['architect/spec', 'architect/revise', 'architect/revise']);
    expect(server.chatBodies()[2]?.messages?.at(-1)?.content).toMatch(/Rollback Plan.*\(still open after your revision 1\)/);
    expect(await workspace.open(outcome.slug).readJson('review.json')).toBeUndefined();
  });

  it('refuses approval while a critical threat is open, and approves once it is mitigated', async () => {
    const root = await project();
    const { llm, workspace } = await harness(root, await answers('draft', 'review-pass', 'threats-blocking'), closers);
    const outcome = await runSpecPipeline({ task: TASK, workspace, llm });
    expect(outcome).toMatchObject({ phase: 'awaiting-approval', blockingThreats: 1, reasons: ['1 open high or critical threat'] });

    const refused = await approveSpec({ workspace, slug: outcome.slug, by: 'ada', at });
    expect(refused.approved).toBe(false);
    expect(refused.approved ? [] : refused.reasons.join('\n')).toMatch(/T2/);
    await expect(requireApproval(workspace, outcome.slug)).rejects.toBeInstanceOf(ApprovalRequiredError);

    const folder = workspace.open(outcome.slug);
    const threats = parseThreatsFile(await folder.readJson('threats.json'), 'threats.json');
    await folder.writeJson('threats.json', setThreatStatus(threats, 'T2', 'mitigated'));
    expect(await approveSpec({ workspace, slug: outcome.slug, by: 'ada', at })).toMatchObject({ approved: true });
    await requireApproval(workspace, outcome.slug);
  });

  it('revises a hand-edited spec without losing the edit, and shows the edit to the Architect', async () => {
    const root = await project();
    const { server, llm, workspace } = await harness(root, await answers('draft', 'review-revise', 'revised', 'review-pass', 'threats'), closers);
    const handNote = '## Notes from the team\n\nThe ops team wants the limit per route later.\n';
    const handCriterion = '- Given a client over its limit, when it retries after Retry-After, then the request is answered normally.';
    const outcome = await runSpecPipeline({
      task: TASK,
      workspace,
      llm,
      onProgress: ({ step }) => {
        if (step !== 'revise') return;
        // The user edits the spec while the Reviewer's findings go back to the Architect.
        const path = join(root, '.omni/specs/rate-limit-the-public-api-per-client/spec.md');
        const text = readFileSync(path, 'utf8');
        writeFileSync(path, `${text.replace('then its next request is answered normally.', `then its next request is answered normally.\n${handCriterion}`)}\n${handNote}`);
      },
    });

    expect(outcome.phase).toBe('awaiting-approval');
    expect(server.chatBodies()[2]?.messages?.at(-1)?.content).toContain('The ops team wants the limit per route later.');
    const text = await readFile(outcome.specPath, 'utf8');
    expect(text).toContain(handCriterion);
    expect(text).toContain('The ops team wants the limit per route later.');
    expect(text).toContain('#### R3: When the client map is full');
    expect(parseSpec(text, outcome.specPath).requirements.map((requirement) => requirement.id)).toEqual(expect.arrayContaining(['R1', 'R2', 'R3']));
  });

  it('takes a small model\'s sloppy JSON without a repair round: names in words, numbers as strings, trailing commas, None', async () => {
    const root = await project();
    const sloppy = (name: string) => readFile(join('test/fixtures/agents', `${name}.txt`), 'utf8');
    const { server, llm, workspace } = await harness(root, [...(await answers('draft')), { reply: await sloppy('review-pass-sloppy') }, { reply: await sloppy('threats-sloppy') }], closers);
    const outcome = await runSpecPipeline({ task: TASK, workspace, llm });

    expect(outcome).toMatchObject({ phase: 'awaiting-approval', overall: 9, openThreats: 1, blockingThreats: 0 });
    expect(promptsAsked(server)).toEqual(['architect/spec', 'reviewer/design-review', 'threatModeler/threats']);
    const review = parseReviewRecord(JSON.parse(await readFile(join(root, '.omni/specs', outcome.slug, 'review.json'), 'utf8')), 'review.json');
    const round = review.rounds[0];
    expect(Object.keys(round?.dimensions ?? {})).toContain('separationOfConcerns');
    expect(round?.dimensions.operationalReadiness.score).toBe(9);
    expect(round?.findings).toMatchObject([{ dimension: 'operationalReadiness', severity: 'low', location: 'Rollback Plan' }]);
    const threats = parseThreatsFile(JSON.parse(await readFile(join(root, '.omni/specs', outcome.slug, 'threats.json'), 'utf8')), 'threats.json');
    expect(threats.elements).toEqual([
      { id: 'C1', name: 'API client', kind: 'externalEntity' },
      { id: 'P1', name: 'API server with limiter', kind: 'process', trustBoundary: 'B1' },
    ]);
    expect(threats.threats[0]).toMatchObject({ framework: 'STRIDE', category: 'spoofing', dread: { damage: 3, reproducibility: 4 }, risk: 'low' });
  });

  it('fails clearly when the model answer never validates, keeping the draft and the raw answers', async () => {
    const root = await project();
    const { llm, workspace } = await harness(root, [...(await answers('draft', 'review-pass')), { reply: 'I think the threats are fine.' }, { reply: '{"threats": "none"}' }], closers);
    const outcome = await runSpecPipeline({ task: TASK, workspace, llm });

    expect(outcome).toMatchObject({ phase: 'failed', nextStep: 'threats', keptDraft: outcome.specPath });
    expect(outcome.reasons[0]).toMatch(/did not match the expected format after 2 tries/);
    const kept = JSON.parse(await readFile(outcome.keptAnswers ?? '', 'utf8')) as Array<{ raw: string }>;
    expect(kept.map((entry) => entry.raw)).toEqual(['I think the threats are fine.', '{"threats": "none"}']);
    expect(parseSpec(await readFile(outcome.specPath, 'utf8'), outcome.specPath).frontmatter.status).toBe('in_review');
    const failure = (await workspace.open(outcome.slug).readEvents()).find((event) => event.type === 'failure');
    expect(failure).toMatchObject({ step: 'threats', kind: 'invalid-output', draft_path: 'spec.md', answers_path: '.agent/threats-answers.json' });
  });

  it('writes no spec at all when the first draft never validates', async () => {
    const root = await project();
    const { llm, workspace } = await harness(root, [{ reply: '{"title": "half"}' }, { reply: '{"title": "half"}' }], closers);
    const outcome = await runSpecPipeline({ task: TASK, workspace, llm });

    expect(outcome).toMatchObject({ phase: 'failed', nextStep: 'draft' });
    expect(outcome.keptDraft).toBeUndefined();
    expect(await workspace.open(outcome.slug).readSpec()).toBeUndefined();
  });

  it('resumes after the model server died mid-pipeline (and the log was torn) without drafting or reviewing again', async () => {
    const root = await project();
    const first = await harness(root, await answers('draft', 'review-pass'), closers);
    const stopped = runSpecPipeline({
      task: TASK,
      workspace: first.workspace,
      llm: first.llm,
      onProgress: ({ step }) => {
        if (step === 'threats') void first.server.close();
      },
    });
    await expect(stopped).rejects.toMatchObject({ kind: 'no-provider' });
    const slug = 'rate-limit-the-public-api-per-client';
    appendFileSync(join(root, '.omni/specs', slug, 'events.jsonl'), '{"type":"span-start","span":"run-');

    const second = await harness(root, await answers('threats'), closers);
    const outcome = await resumeSpecPipeline({ slug, workspace: second.workspace, llm: second.llm });
    expect(outcome).toMatchObject({ phase: 'awaiting-approval', overall: 9 });
    expect(promptsAsked(second.server)).toEqual(['threatModeler/threats']);
    const history = replay(await second.workspace.open(slug).readEvents()).history.map((entry) => entry.kind);
    expect(history.filter((kind) => kind === 'draft')).toHaveLength(1);
    expect(history.filter((kind) => kind === 'review')).toHaveLength(1);
    expect(history).toContain('failure');
  });

  it('stops when cancelled, leaving the log at the last finished step, and a resume picks up from there', async () => {
    const root = await project();
    const first = await harness(root, await answers('draft'), closers);
    const controller = new AbortController();
    const run = runSpecPipeline({ task: TASK, workspace: first.workspace, llm: first.llm, signal: controller.signal, onProgress: ({ step }) => step === 'review' && controller.abort() });
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
    expect(first.server.chatBodies()).toHaveLength(1);
    const slug = 'rate-limit-the-public-api-per-client';
    expect(replay(await first.workspace.open(slug).readEvents())).toMatchObject({ phase: 'reviewing', nextStep: 'review' });

    const second = await harness(root, await answers('review-pass', 'threats'), closers);
    expect(await resumeSpecPipeline({ slug, workspace: second.workspace, llm: second.llm })).toMatchObject({ phase: 'awaiting-approval' });
    expect(promptsAsked(second.server)).toEqual(['reviewer/design-review', 'threatModeler/threats']);
  });

  it('never overwrites a spec.md a person broke: the run stops with the file and line, and resumes once it is fixed', async () => {
    const root = await project();
    const first = await harness(root, await answers('draft', 'review-revise'), closers);
    const path = join(root, '.omni/specs/rate-limit-the-public-api-per-client/spec.md');
    let good = '';
    let broken = '';
    const run = runSpecPipeline({
      task: TASK,
      workspace: first.workspace,
      llm: first.llm,
      onProgress: ({ step }) => {
        if (step !== 'revise') return;
        good = readFileSync(path, 'utf8');
        broken = good.replace(/^title: .*$/m, 'title: [unclosed');
        writeFileSync(path, broken);
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'SpecParseError', path, message: expect.stringMatching(/spec\.md:\d+: /) });
    expect(readFileSync(path, 'utf8')).toBe(broken);
    expect(first.server.chatBodies()).toHaveLength(2);
    const slug = 'rate-limit-the-public-api-per-client';
    expect(replay(await first.workspace.open(slug).readEvents())).toMatchObject({ phase: 'failed', nextStep: 'revise' });

    writeFileSync(path, good);
    const second = await harness(root, await answers('revised', 'review-pass', 'threats'), closers);
    expect(await resumeSpecPipeline({ slug, workspace: second.workspace, llm: second.llm })).toMatchObject({ phase: 'awaiting-approval', overall: 9 });
  });

  it('stops before going over the budget when the user says no, with nothing written', async () => {
    const root = await project();
    const asked: string[] = [];
    const { server, llm, workspace } = await harness(root, await answers('draft'), closers, {
      budget: { maxTokens: 100, reserveOutputTokens: 1024 },
      askToContinue: async (summary) => (asked.push(summary.reason), false),
    });
    const outcome = await runSpecPipeline({ task: TASK, workspace, llm });

    expect(outcome).toMatchObject({ phase: 'failed', nextStep: 'draft' });
    expect(outcome.reasons[0]).toMatch(/^stopped before going over the budget: /);
    expect(asked).toHaveLength(1);
    expect(server.chatBodies()).toHaveLength(0);
    expect(await workspace.open(outcome.slug).readSpec()).toBeUndefined();
  });

  it('adopts a spec written by hand: status asks for a review, and the review starts its log', async () => {
    const root = await project();
    const { server, llm, workspace } = await harness(root, await answers('review-pass', 'threats'), closers);
    const draft = SpecDraft.parse(JSON.parse(readFileSync('test/fixtures/agents/draft.json', 'utf8')));
    const folder = await workspace.create('Hand written');
    await folder.writeSpec(printSpec(draft, { taskId: '0b6f3a52-9d1e-4c8e-8a53-2f7f5d1c8e11', status: 'draft' }));
    expect((await specStatus(workspace))[0]).toMatchObject({ slug: 'hand-written', phase: 'needs-human', reasons: ['no pipeline has run on this spec: request a review'] });
    expect(await approveSpec({ workspace, slug: 'hand-written', by: 'ada', at })).toMatchObject({ approved: false });

    const outcome = await reviewSpecAgain({ slug: 'hand-written', workspace, llm });
    expect(outcome).toMatchObject({ phase: 'awaiting-approval', overall: 9 });
    expect(promptsAsked(server)).toEqual(['reviewer/design-review', 'threatModeler/threats']);
    expect(replay(await folder.readEvents())).toMatchObject({ taskId: '0b6f3a52-9d1e-4c8e-8a53-2f7f5d1c8e11', task: 'Rate-limit the public API' });
  });

  it('runs one pipeline per spec at a time, takes over a lock whose process died, and resumes no spec that does not exist', async () => {
    const root = await project();
    const { server, llm, workspace } = await harness(root, await answers('draft', 'review-pass', 'threats'), closers);
    const folder = await workspace.create(TASK);
    const held = await folder.lock();
    await expect(folder.lock()).rejects.toMatchObject({ name: 'SpecBusyError', message: expect.stringContaining(`process ${process.pid}`) });
    await held();

    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(root, '.omni/specs', folder.slug, '.agent/run.lock'), JSON.stringify({ pid: dead, host: hostname(), at: at.toISOString() }));
    const release = await folder.lock();
    await release();

    await expect(resumeSpecPipeline({ slug: 'no-such-spec', workspace, llm })).rejects.toMatchObject({ name: 'SpecNotFoundError' });
    expect(await workspace.list()).toEqual([folder.slug]);
    expect(server.chatBodies()).toHaveLength(0);
  });
});
