import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { omni } from '../../support/cli';
import { turns } from './pipeline-answers';
import { agents, scriptedModels, shop, specJson, TASK } from './spec-session';

const models = scriptedModels();

/** A spec the Reviewer stopped below 6: it waits for a person's edit. */
async function needsHuman(): Promise<{ root: string; slug: string; path: string }> {
  const root = await shop();
  await models(turns('drafts/rate-limit.json', 'reviews/reject.json'));
  const outcome = await specJson('spec', [TASK], root);
  expect(outcome.phase).toBe('needs-human');
  return { root, slug: outcome.slug, path: join(root, outcome.path) };
}

describe('omni review', () => {
  it('reviews the spec as a person edited it, then models its threats', async () => {
    const { root, slug, path } = await needsHuman();
    const fix = 'Refill uses Redis `TIME` inside the script, so one clock decides for all 4 instances.';
    await writeFile(path, (await readFile(path, 'utf8')).replace('## Architecture Decision\n\n', `## Architecture Decision\n\n${fix}\n\n`));

    const server = await models(turns('reviews/pass.json', 'threats/low-risk.json'));
    const outcome = await specJson('review', [slug], root);

    expect(outcome).toMatchObject({ slug, phase: 'awaiting-approval', overall: 8.5, openThreats: 3, blockingThreats: 0 });
    expect(agents(server)).toEqual(['Reviewer', 'Threat']);
    expect(JSON.stringify(server.chatBodies()[0]?.messages)).toContain('one clock decides for all 4 instances');
    expect(await readFile(path, 'utf8')).toContain(fix);
    const history = await omni(['replay', slug], root);
    expect(history.stdout).toMatch(/review round 1: overall 4\.4, needs-human[\s\S]*review round 2: overall 8\.5, proceed/);
  });

  it('never overwrites a spec.md a person broke: exit 2 naming the file and line, for review and approve alike', async () => {
    const { root, slug, path } = await needsHuman();
    const broken = (await readFile(path, 'utf8')).replace(/^complexity: medium$/m, 'complexity: [medium');
    await writeFile(path, broken);
    await models(turns('reviews/pass.json', 'threats/low-risk.json'));

    const review = await omni(['review', slug], root);
    expect(review.code).toBe(2);
    expect(review.stderr).toMatch(/^omni: .*spec\.md:6: invalid YAML in the frontmatter/m);
    expect(review.stderr).not.toMatch(/\n\s+at /);
    const approve = await omni(['approve', slug, '--by', 'Ada'], root);
    expect(approve.code).toBe(2);
    expect(approve.stderr).toMatch(/^omni: .*spec\.md:6: invalid YAML in the frontmatter/);
    expect(await readFile(path, 'utf8')).toBe(broken);

    const status = await omni(['status'], root);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`${slug}: cannot read it whole: `);
  });
});

describe('omni approve and reject', () => {
  const saved = { GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM: process.env.GIT_CONFIG_NOSYSTEM, USER: process.env.USER };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("records git's user.name as the approver, else the login name", async () => {
    const root = await shop();
    await models(turns('drafts/rate-limit.json', 'reviews/pass.json', 'threats/low-risk.json', 'drafts/rate-limit.json', 'reviews/pass.json', 'threats/low-risk.json'));
    const first = await specJson('spec', [TASK], root);
    const second = await specJson('spec', [TASK], root);
    process.env.GIT_CONFIG_NOSYSTEM = '1';

    const gitConfig = join(root, 'gitconfig');
    await writeFile(gitConfig, '[user]\n\tname = Grace Hopper\n');
    process.env.GIT_CONFIG_GLOBAL = gitConfig;
    expect((await omni(['approve', first.slug], root)).stdout).toMatch(/: approved by Grace Hopper at /);

    process.env.GIT_CONFIG_GLOBAL = join(root, 'no-gitconfig');
    process.env.USER = 'ada';
    expect((await omni(['approve', second.slug], root)).stdout).toMatch(/: approved by ada at /);
    const status = JSON.parse((await omni(['status', '--json'], root)).stdout) as { approval: { kind: string; by: string } }[];
    expect(status.map((spec) => spec.approval)).toMatchObject([
      { kind: 'valid', by: 'Grace Hopper' },
      { kind: 'valid', by: 'ada' },
    ]);
  });
});

describe('omni reject', () => {
  it('turns a spec down with the reason, and nothing runs on it afterwards', async () => {
    const { root, slug, path } = await needsHuman();
    expect(await omni(['reject', slug], root)).toMatchObject({ code: 2, stderr: expect.stringContaining("required option '--reason <text>'") });

    const run = await omni(['reject', slug, '--by', 'Ada', '--reason', 'Limiting belongs in the API gateway'], root);

    expect(run).toMatchObject({ code: 0, stdout: `.omni/specs/${slug}/spec.md: rejected by Ada\n` });
    expect(await readFile(path, 'utf8')).toMatch(/^status: rejected$/m);
    const [summary] = JSON.parse((await omni(['status', '--json'], root)).stdout) as { phase: string; reasons: string[] }[];
    expect(summary).toMatchObject({ phase: 'rejected', reasons: ['rejected by Ada: Limiting belongs in the API gateway'] });
    const server = await models([]);
    expect(await specJson('spec', ['--resume', slug], root)).toMatchObject({ phase: 'rejected' });
    expect(server.chatBodies()).toEqual([]);
  });
});

describe('omni status, replay and threats', () => {
  it('prints a table of specs, and says so when there are none', async () => {
    const empty = await omni(['status'], await shop());
    expect(empty).toMatchObject({ code: 0, stdout: 'No specs under .omni/specs: create one with omni spec "<task>"\n' });

    const { root, slug } = await needsHuman();
    const status = await omni(['status'], root);
    const [header, row, ...notes] = status.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^SPEC +PHASE +REVIEW +APPROVAL +OPEN THREATS$/);
    expect(row).toMatch(new RegExp(`^${slug} +needs-human +4\\.4 needs-human +none +none$`));
    expect(notes.join('\n')).toContain(`${slug}: Overall score 4.4/10`);
  });

  it('replays the history from events.jsonl, and names the line of a broken log', async () => {
    const { root, slug } = await needsHuman();

    const text = await omni(['replay', slug], root);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${slug}: needs-human \\(review round 1 of 2\\)\\ntask: ${TASK}\\nnext: nothing until a person acts\\n`));
    expect(text.stdout).toMatch(/\nhistory:\n\S+Z {2}started: "Rate-limit the public API per API key"\n/);
    const json = JSON.parse((await omni(['replay', `.omni/specs/${slug}`, '--json'], root)).stdout) as { phase: string; round: number; nextStep: string; history: unknown[] };
    expect(json).toMatchObject({ phase: 'needs-human', round: 1, nextStep: 'none' });
    expect(json.history.length).toBeGreaterThan(5);

    const log = join(root, '.omni/specs', slug, 'events.jsonl');
    const lines = (await readFile(log, 'utf8')).split('\n').length;
    await appendFile(log, '{"type":"review","at":"yesterday"}\n{"type":"phase","at":"2026-01-01T00:00:00.000Z","phase":"approved","reasons":[]}\n');
    const broken = await omni(['replay', slug], root);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`^omni: .*events\\.jsonl:${lines}: invalid event`));
  });

  it('lists threats as JSON and exports the Threat Dragon model to standard output', async () => {
    const root = await shop();
    await models(turns('drafts/rate-limit.json', 'reviews/pass.json', 'threats/blocking.json'));
    const { slug } = await specJson('spec', [TASK], root);

    const listed = JSON.parse((await omni(['threats', slug, '--json'], root)).stdout) as { blocking: string[]; threats: { id: string; risk: string; status: string }[] };
    expect(listed.blocking).toEqual(['T4']);
    expect(listed.threats.map((threat) => `${threat.id} ${threat.risk} ${threat.status}`)).toEqual(['T1 low open', 'T2 medium open', 'T3 medium open', 'T4 high open']);

    const accepted = await omni(['threats', 'set', slug, 'T4', 'accepted', '--reason', 'Fail-open is the business decision for paying clients', '--by', 'Grace Hopper'], root);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect((await omni(['threats', slug], root)).stdout).toContain('    reason: Fail-open is the business decision for paying clients\n');
    // Who accepted the risk, and why, is in the spec's history.
    expect((await omni(['replay', slug], root)).stdout).toContain('Grace Hopper set threat T4 open -> accepted (Fail-open is the business decision for paying clients)');

    const exported = await omni(['threats', 'export', slug, '--format', 'threat-dragon'], root);
    expect(exported.code).toBe(0);
    const model = JSON.parse(exported.stdout) as { summary: { title: string } };
    expect(model.summary.title).toBe(TASK);
    expect(exported.stdout).toContain('Fail-open lets a flood through during a Redis outage');

    expect(await omni(['threats', 'export', slug], root)).toMatchObject({ code: 2, stderr: expect.stringContaining("required option '--format <format>'") });
    expect(await omni(['threats', slug, '--json'], await shop())).toMatchObject({ code: 2, stderr: expect.stringContaining(`no spec "${slug}"`) });
  });

  it('says when a spec has no threat model yet', async () => {
    const { root, slug } = await needsHuman();
    const run = await omni(['threats', slug], root);
    expect(run).toMatchObject({ code: 2, stderr: `omni: spec "${slug}" has no threat model yet (.omni/specs/${slug}/threats.json): the pipeline writes it once the design review passes\n` });
  });

  it('finds the project through -c/--config from another folder, and names the line of a bad config', async () => {
    const { root, slug } = await needsHuman();
    await writeFile(join(root, '.omni/config.json'), '{\n  "specs": { "maxReviewRounds": 2 }\n}\n');
    const elsewhere = await shop();

    const status = await omni(['status', '--json', '-c', join(root, '.omni/config.json')], elsewhere);
    expect(status.code, status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as { slug: string }[]).map((spec) => spec.slug)).toEqual([slug]);

    await writeFile(join(root, '.omni/config.json'), '{\n  "specs": { "maxReviewRounds": 9 }\n}\n');
    const bad = await omni(['spec', TASK], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^omni: .*config\.json:2:\d+: specs\.maxReviewRounds: /);
  });

  it('documents each command and its exit codes in --help', async () => {
    const root = await shop();
    for (const command of [['spec'], ['status'], ['approve'], ['review'], ['replay'], ['threats'], ['threats', 'set'], ['threats', 'export']]) {
      const run = await omni([...command, '--help'], root);
      expect(run.code, command.join(' ')).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: omni ${command.join(' ')} `));
    }
    expect((await omni(['approve', '--help'], root)).stdout).toContain('--by <name>');
    const bare = await omni(['threats'], root);
    expect(bare).toMatchObject({ code: 2, stdout: '' });
    expect(bare.stderr).toMatch(/^Usage: omni threats \[options\] \[command\] \[spec\]/);
  });
});
