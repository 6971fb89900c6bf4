import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { omni } from '../../support/cli';
import { refusedUrl, startOllamaServer } from '../../support/ollama-server';
import { turns } from './pipeline-answers';
import { agents, scriptedModels, shop, specJson, TASK, type SpecJson } from './spec-session';
import { spawnOmni } from './spawned-omni';

const models = scriptedModels();

describe('omni spec', () => {
  it('runs a spec that passes first time up to the approval gate and prints a stable JSON object', async () => {
    const root = await shop();
    const server = await models(turns('answers/draft-fenced.md', 'answers/review-prose-before.md', 'threats/low-risk.json'));

    const outcome = await specJson('spec', [TASK], root);

    expect(outcome).toEqual({
      slug: outcome.slug,
      path: join('.omni', 'specs', outcome.slug, 'spec.md'),
      phase: 'awaiting-approval',
      reasons: [],
      overall: 8.5,
      openThreats: 3,
      blockingThreats: 0,
      keptAnswers: null,
    });
    expect(outcome.slug).toMatch(/^rate-limit-the-public-api/);
    expect(server.remainingTurns).toBe(0);
    expect(agents(server)).toEqual(['Architect', 'Reviewer', 'Threat']);
    const spec = await readFile(join(root, outcome.path), 'utf8');
    expect(spec).toMatch(/^---\n[\s\S]*title: Rate-limit the public API per API key/);
    expect(spec).toContain('## Rollback Plan');
    const review = JSON.parse(await readFile(join(root, '.omni/specs', outcome.slug, 'review.json'), 'utf8')) as { decision: string; overall: number };
    expect(review).toMatchObject({ decision: 'proceed', overall: 8.5 });
    // The agents' turns are spans in the same log, for `omni trace`.
    const trace = await omni(['trace', outcome.slug], root);
    expect(trace.stdout).toMatch(/turn architect[\s\S]*turn reviewer[\s\S]*turn threatModeler/);
    expect(trace.stdout).toContain('3 model calls, 0 cache hits, 0 errors');
  });

  it('prints the path, phase, score and threats as text, with progress on standard error', async () => {
    const root = await shop();
    await models(turns('drafts/rate-limit.json', 'reviews/pass.json', 'threats/low-risk.json'));

    const run = await omni(['spec', TASK], root);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\.omni\/specs\/rate-limit-the-public-api[\w-]*\/spec\.md\nphase: awaiting-approval\noverall: 8\.5\nopen threats: 3\nnext: omni approve /);
    expect(run.stderr).toMatch(/review/i);
  });

  it('sends a 6-7 review back to the Architect, reviews the revision, and the spec can then be approved', async () => {
    const root = await shop();
    const server = await models(turns('drafts/rate-limit.json', 'reviews/revise.json', 'drafts/rate-limit-revised.json', 'reviews/pass.json', 'threats/low-risk.json'));

    const outcome = await specJson('spec', [TASK], root);

    expect(outcome).toMatchObject({ phase: 'awaiting-approval', overall: 8.5 });
    expect(agents(server)).toEqual(['Architect', 'Reviewer', 'Architect', 'Reviewer', 'Threat']);
    // The revision request carries the review's findings.
    expect(JSON.stringify(server.chatBodies()[2]?.messages)).toContain('NOSCRIPT after a Redis failover is not handled');
    expect(await readFile(join(root, outcome.path), 'utf8')).toContain('R5');
    const replay = await omni(['replay', outcome.slug], root);
    expect(replay.stdout).toMatch(/review round 1: overall 7\.3, revise[\s\S]*revised the spec for review round 1[\s\S]*review round 2: overall 8\.5, proceed/);

    const approved = await omni(['approve', outcome.slug, '--by', 'Ada Lovelace'], root);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toMatch(/approved by Ada Lovelace at \d{4}-\d\d-\d\dT/);
    const spec = await readFile(join(root, outcome.path), 'utf8');
    expect(spec).toMatch(/approval:\n\s+by: Ada Lovelace\n\s+at: .+\n\s+spec_sha256: "?[0-9a-f]{64}/);
  });

  it('takes the number of review rounds from the config, and --max-rounds over it', async () => {
    const root = await shop({ '.omni/config.json': JSON.stringify({ specs: { maxReviewRounds: 1 } }) });
    const once = await models(turns('drafts/rate-limit.json', 'reviews/revise.json'));
    expect(await specJson('spec', [TASK], root)).toMatchObject({ phase: 'needs-human', overall: 7.3 });
    expect(agents(once)).toEqual(['Architect', 'Reviewer']);

    const twice = await models(turns('drafts/rate-limit.json', 'reviews/revise.json', 'drafts/rate-limit-revised.json', 'reviews/pass.json', 'threats/low-risk.json'));
    expect(await specJson('spec', [TASK, '--max-rounds', '2'], root)).toMatchObject({ phase: 'awaiting-approval', overall: 8.5 });
    expect(agents(twice)).toEqual(['Architect', 'Reviewer', 'Architect', 'Reviewer', 'Threat']);
  });

  it('stops below 6 for a human, with the reasons, and exits 0', async () => {
    const root = await shop();
    const server = await models(turns('drafts/rate-limit.json', 'reviews/reject.json'));

    const outcome = await specJson('spec', [TASK], root);

    expect(outcome).toMatchObject({ phase: 'needs-human', overall: 4.4 });
    expect(outcome.reasons.join('\n')).toMatch(/4\.4/);
    expect(server.remainingTurns).toBe(0);
    const refused = await omni(['approve', outcome.slug, '--by', 'Ada'], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`omni: approval of ${outcome.slug} refused:\n  - `);
  });

  it('sends an incomplete draft back to the Architect before the Reviewer spends a token', async () => {
    const root = await shop();
    const server = await models(turns('drafts/rate-limit-incomplete.json', 'drafts/rate-limit.json', 'reviews/pass.json', 'threats/low-risk.json'));

    const outcome = await specJson('spec', [TASK], root);

    expect(outcome.phase).toBe('awaiting-approval');
    expect(agents(server)).toEqual(['Architect', 'Architect', 'Reviewer', 'Threat']);
    // The fix request names what the checklist found missing.
    expect(JSON.stringify(server.chatBodies()[1]?.messages)).toMatch(/[Rr]ollback/);
    const replay = await omni(['replay', outcome.slug, '--json'], root);
    const kinds = (JSON.parse(replay.stdout) as { history: { kind: string; text: string }[] }).history.map((entry) => entry.kind).filter((kind) => ['draft', 'completeness', 'revision', 'review'].includes(kind));
    expect(kinds).toEqual(['draft', 'completeness', 'revision', 'completeness', 'review']);
  });

  it('keeps the draft and exits 0 with phase failed when the review never validates (fenced, missing fields, wrong types, cut short)', async () => {
    const root = await shop();
    const server = await models(turns('drafts/rate-limit.json', 'answers/review-missing-fields.md', 'answers/review-scores-in-words.md', 'answers/review-truncated.md'));

    const outcome = await specJson('spec', [TASK], root);

    expect(outcome.phase).toBe('failed');
    expect(outcome.reasons.join('\n')).toMatch(/did not match the expected format after 3 tries/);
    expect(server.remainingTurns).toBe(0);
    // The repair round told the model what was wrong.
    expect(JSON.stringify(server.chatBodies()[2]?.messages)).toContain('dimensions.testability');
    const draft = await readFile(join(root, outcome.path), 'utf8');
    expect(draft).toContain('## Requirements');
    // Every raw answer is kept for the user to read.
    expect(outcome.keptAnswers).toMatch(new RegExp(`^\\.omni/specs/${outcome.slug}/.+\\.json$`));
    const kept = await readFile(join(root, outcome.keptAnswers ?? ''), 'utf8');
    expect(kept).toContain('nine out of ten');

    // Once the model behaves, the pipeline goes on from the review, on the kept draft.
    await models(turns('reviews/pass.json', 'threats/low-risk.json'));
    const resumed = await omni(['spec', '--resume', outcome.slug], root);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('phase: awaiting-approval\n');
    expect(await readFile(join(root, outcome.path), 'utf8')).toBe(draft);
  });

  it('says no spec was written when the first draft never validates (missing sections, prose only), and still exits 0', async () => {
    const root = await shop();
    await models(turns('answers/draft-missing-sections.md', 'answers/draft-prose-only.md', 'answers/draft-missing-sections.md'));

    const run = await omni(['spec', TASK], root);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\.omni\/specs\/rate-limit-the-public-api-per-api-key\/spec\.md \(not written\)\nphase: failed\n {2}- the model's answer did not match the expected format after 3 tries: .*rollbackPlan/);
    expect(run.stdout).toMatch(/\nthe model's answers: \.omni\/specs\/rate-limit-the-public-api-per-api-key\/.+\.json\nnext: omni spec --resume rate-limit-the-public-api-per-api-key\n$/);
  });

  it('exits 2 with the setup steps when no model answers', async () => {
    const root = await shop();
    process.env.OLLAMA_HOST = await refusedUrl();

    const run = await omni(['spec', TASK], root);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No model answered');
    expect(run.stderr).toContain('`ollama serve`');
    expect(run.stderr).toContain('`ollama pull qwen2.5-coder:7b`');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
    expect(existsSync(join(root, '.omni', 'specs')), 'no failed spec is left behind').toBe(false);

    process.env.OLLAMA_HOST = 'localhost:port';
    expect(await omni(['spec', TASK], root)).toMatchObject({ code: 2, stderr: 'omni: OLLAMA_HOST="localhost:port": "port" is not a port number\n' });
  });

  it('exits 2 naming the missing model and the ones Ollama has, before any spec folder exists', async () => {
    const root = await shop();
    const server = await startOllamaServer({ models: [{ name: 'llama3.1:latest' }, { name: 'mistral:7b' }] });
    try {
      process.env.OLLAMA_HOST = server.url;
      const run = await omni(['spec', TASK], root);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('No model can draft the spec yet:');
      expect(run.stderr).toContain('the server is up, but model "qwen2.5-coder:7b" is not installed: pull it with `ollama pull qwen2.5-coder:7b`; or use one it has (llama3.1:latest, mistral:7b)');
      expect(run.stderr).not.toContain('install Ollama');
      expect(existsSync(join(root, '.omni', 'specs')), 'no failed spec is left behind').toBe(false);
      expect(server.chatBodies()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('rejects a missing task, a task with --resume and an unknown spec with exit 2', async () => {
    const root = await shop();
    expect(await omni(['spec'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('omni spec "<task>"') });
    expect(await omni(['spec', TASK, '--resume', 'x'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('not both') });
    expect(await omni(['spec', '--resume', 'nothing-here'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('no spec "nothing-here"') });
    expect(await omni(['spec', TASK, '--budget', 'lots'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('expected tokens') });
    expect(await omni(['spec', '--resume', 'x', '--max-rounds', '3'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('a resumed one keeps its own') });
    expect(await omni(['spec', TASK, '--max-rounds', '9'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('expected a whole number from 1 to 5') });
  });

  it('stops at the budget without asking when standard input is not a terminal, and goes on with --yes', async () => {
    const root = await shop();
    await models(turns('drafts/rate-limit.json', 'reviews/pass.json', 'threats/low-risk.json'));

    const stopped = await omni(['spec', TASK, '--budget', '100', '--json'], root);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toContain('Pass --yes to go on, or a larger --budget.');
    expect((JSON.parse(stopped.stdout) as SpecJson).phase).toBe('failed');

    const going = await omni(['spec', TASK, '--budget', '100', '--yes', '--json'], root);
    expect(going.stderr).toContain('going on (--yes)');
    expect((JSON.parse(going.stdout) as SpecJson).phase).toBe('awaiting-approval');
  });
});

describe('interrupting and resuming', () => {
  it('exits 130 on Ctrl-C during the review, and --resume carries on from the review without drafting again', async () => {
    const root = await shop();
    const first = await models([...turns('drafts/rate-limit.json'), { stall: true }]);
    const running = spawnOmni(['spec', TASK], root);
    await running.stderrShows(/review/i);
    running.child.kill('SIGINT');
    const interrupted = await running.exited();
    expect({ code: interrupted.code, signal: interrupted.signal }).toEqual({ code: 130, signal: null });
    expect(interrupted.stderr).toContain('omni: interrupted\n');
    expect(first.chatBodies().length).toBeGreaterThan(0);

    const status = await omni(['status', '--json'], root);
    const [listed] = JSON.parse(status.stdout) as { slug: string }[];
    expect(listed?.slug).toMatch(/^rate-limit/);
    const slug = listed?.slug ?? '';
    const before = await readFile(join(root, '.omni/specs', slug, 'spec.md'), 'utf8');

    const second = await models(turns('reviews/pass.json', 'threats/low-risk.json'));
    const resumed = await specJson('spec', ['--resume', slug], root);
    expect(resumed).toMatchObject({ slug, phase: 'awaiting-approval', overall: 8.5 });
    expect(agents(second)).toEqual(['Reviewer', 'Threat']);
    expect(await readFile(join(root, '.omni/specs', slug, 'spec.md'), 'utf8')).toBe(before);
  });

  it('refuses a second run, a threat verdict and an approval on a spec another run is working on, with exit 2', async () => {
    const root = await shop();
    await models([...turns('drafts/rate-limit.json'), { stall: true }]);
    const running = spawnOmni(['spec', TASK], root);
    await running.stderrShows(/review/i);
    const [listed] = JSON.parse((await omni(['status', '--json'], root)).stdout) as { slug: string }[];

    const second = await omni(['spec', '--resume', listed?.slug ?? ''], root);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^omni: spec "${listed?.slug}" is being worked on by process ${running.child.pid} `));
    const busy = new RegExp(`^omni: spec "${listed?.slug}" is being worked on by process ${running.child.pid} `);
    expect(await omni(['threats', 'set', listed?.slug ?? '', 'T1', 'mitigated'], root)).toMatchObject({ code: 2, stderr: expect.stringMatching(busy) });
    expect(await omni(['approve', listed?.slug ?? '', '--by', 'Ada'], root)).toMatchObject({ code: 2, stderr: expect.stringMatching(busy) });

    running.child.kill('SIGINT');
    expect((await running.exited()).code).toBe(130);
  });

  it("keeps a hand edit made while the pipeline was stopped when the Architect's revision lands", async () => {
    const root = await shop();
    await models([...turns('drafts/rate-limit.json', 'reviews/revise.json'), { stall: true }]);
    const running = spawnOmni(['spec', TASK], root);
    await running.stderrShows(/revis/i);
    running.child.kill('SIGINT');
    expect((await running.exited()).code).toBe(130);

    const [slug] = (JSON.parse((await omni(['status', '--json'], root)).stdout) as { slug: string }[]).map((entry) => entry.slug);
    const path = join(root, '.omni/specs', slug ?? '', 'spec.md');
    const handEdit = '- Hand note: nginx in front of the 4 instances already caps each client IP at 5,000 requests per second.';
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('- Runs inside the existing Express 4 service; no new process.', `- Runs inside the existing Express 4 service; no new process.\n${handEdit}`));

    await models(turns('drafts/rate-limit-revised.json', 'reviews/pass.json', 'threats/low-risk.json'));
    const outcome = await specJson('spec', ['--resume', slug ?? ''], root);

    expect(outcome.phase).toBe('awaiting-approval');
    const revised = await readFile(path, 'utf8');
    expect(revised).toContain(handEdit);
    expect(revised).toContain('LimiterScriptMissing');
  });
});

describe('approval, threats and status', () => {
  async function awaitingWithBlockingThreat(): Promise<{ root: string; slug: string }> {
    const root = await shop();
    await models(turns('drafts/rate-limit.json', 'reviews/pass.json', 'threats/blocking.json'));
    const outcome = await specJson('spec', [TASK], root);
    expect(outcome).toMatchObject({ phase: 'awaiting-approval', openThreats: 4 });
    return { root, slug: outcome.slug };
  }

  it('refuses approval while a high threat is open, and approves once it is marked mitigated', async () => {
    const { root, slug } = await awaitingWithBlockingThreat();

    const refused = await omni(['approve', slug, '--by', 'Ada'], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `omni: approval of ${slug} refused:\n  - Threat T4 "Fail-open lets a flood through during a Redis outage" is open with high risk (DREAD 7.8): mitigate it in the spec, or accept it with a reason.\n`,
    );
    const refusedJson = await omni(['approve', slug, '--by', 'Ada', '--json'], root);
    expect(refusedJson.code).toBe(1);
    expect(JSON.parse(refusedJson.stdout)).toEqual({ slug, path: `.omni/specs/${slug}/spec.md`, approved: false, reasons: [expect.stringContaining('Threat T4')] });
    expect(await readFile(join(root, '.omni/specs', slug, 'spec.md'), 'utf8')).not.toContain('approval:');

    const listed = await omni(['threats', slug], root);
    expect(listed.stdout).toMatch(/4 threats, 1 blocking approval/);
    expect(listed.stdout).toMatch(/^T4 {2}high 7\.8 +open {2}STRIDE denialOfService on limiter: Fail-open lets a flood through/m);

    expect(await omni(['threats', 'set', slug, 'T4', 'accepted'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('with a reason') });
    expect(await omni(['threats', 'set', slug, 'T9', 'mitigated'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('no threat "T9"') });
    const set = await omni(['threats', 'set', slug, 'T4', 'mitigated', '--reason', 'Fail closed for the anonymous plan; alert after 5 minutes of fail-open'], root);
    expect(set).toMatchObject({ code: 0, stdout: 'T4: open -> mitigated; no threat blocks approval\n' });

    const approved = await omni(['approve', `.omni/specs/${slug}/spec.md`, '--by', 'Ada', '--json'], root);
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ slug, approved: true, by: 'Ada', specSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await readFile(join(root, '.omni/specs', slug, 'spec.md'), 'utf8')).toContain(`spec_sha256: ${(JSON.parse(approved.stdout) as { specSha256: string }).specSha256}`);
  });

  it('voids an approval when the spec is edited, refuses a new one until the edit is reviewed, then approves again', async () => {
    const root = await shop();
    await models(turns('drafts/rate-limit.json', 'reviews/pass.json', 'threats/low-risk.json'));
    const { slug, path } = await specJson('spec', [TASK], root);
    expect((await omni(['approve', slug, '--by', 'Ada'], root)).code).toBe(0);

    const valid = await omni(['status', '--json'], root);
    expect(JSON.parse(valid.stdout)).toMatchObject([{ slug, phase: 'approved', approval: { kind: 'valid', by: 'Ada' } }]);

    const text = await readFile(join(root, path), 'utf8');
    await writeFile(join(root, path), text.replace('## Rollback Plan\n', '## Rollback Plan\n\n0. Announce the switch in #api-status first.\n'));
    const voided = await omni(['status'], root);
    expect(voided.code).toBe(0);
    expect(voided.stdout).toMatch(new RegExp(`^${slug} +awaiting-approval +8\\.5 proceed \\(stale\\) +void after edit \\(Ada\\)`, 'm'));
    expect(voided.stdout).toMatch(new RegExp(`^${slug}: approval by Ada is void: `, 'm'));

    const refused = await omni(['approve', slug, '--by', 'Ada'], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The design review read an older version of the spec');

    await models(turns('reviews/pass.json', 'threats/low-risk.json'));
    expect(await specJson('review', [slug], root)).toMatchObject({ phase: 'awaiting-approval' });
    expect((await omni(['approve', slug, '--by', 'Ada'], root)).code).toBe(0);
    expect(JSON.parse((await omni(['status', '--json'], root)).stdout)).toMatchObject([{ slug, phase: 'approved', reviewStale: false, approval: { kind: 'valid' } }]);
    expect((await omni(['replay', slug], root)).stdout).toMatch(/approved by Ada[\s\S]*approval by Ada void: [\s\S]*approved by Ada/);
  });

  it('exports the threat model for OWASP Threat Dragon', async () => {
    const { root, slug } = await awaitingWithBlockingThreat();

    const run = await omni(['threats', 'export', slug, '--format', 'threat-dragon', '-o', 'model.json'], root);

    expect(run).toMatchObject({ code: 0, stdout: '' });
    const model = JSON.parse(await readFile(join(root, 'model.json'), 'utf8')) as { version: string; summary: { title: string }; detail: { diagrams: unknown[] } };
    expect(model.version).toMatch(/^2\./);
    expect(model.summary.title).toBe(TASK);
    expect(model.detail.diagrams.length).toBeGreaterThan(0);
  });
});
