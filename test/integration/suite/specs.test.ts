import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DesignReview } from '../../../src/core/schemas/design-review';
import type { SpecDraft } from '../../../src/core/schemas/spec-draft';
import type { ThreatModel } from '../../../src/core/schemas/threat-model';
import { ThreatsFile, setThreatStatus } from '../../../src/core/threats/threats-file';
import { replay } from '../../../src/core/store/replay';
import { parsePipelineLog } from '../../../src/core/store/pipeline-events';
import { refusedUrl, startOllamaServer, type ScriptedOllama, type Turn } from '../../support/ollama-server';
import { closeAllEditors, fixtureUri, waitForDiagnostics } from './helpers';
import draft from '../../fixtures/agents/draft.json';
import reviewFail from '../../fixtures/agents/review-fail.json';
import reviewPass from '../../fixtures/agents/review-pass.json';
import reviewRevise from '../../fixtures/agents/review-revise.json';
import revised from '../../fixtures/agents/revised.json';
import draftIncomplete from '../../fixtures/agents/draft-incomplete.json';
import threatsClear from '../../fixtures/agents/threats.json';
import threatsBlocking from '../../fixtures/agents/threats-blocking.json';
import { suite, teardown, test } from './tdd';

// The pipeline's own model answers (test/fixtures/agents): a draft the completeness check passes, a
// review that passes the gate, and threat models with and without a blocking threat (T2).
const DRAFT = draft as SpecDraft;
/** The passing review, with one finding on R2 to show as a diagnostic. */
const REVIEW: DesignReview = {
  ...(reviewPass as DesignReview),
  findings: [
    {
      dimension: 'operationalReadiness',
      severity: 'medium',
      title: 'No metric for rejected requests',
      detail: 'Operators cannot see how often clients hit the limit.',
      location: 'R2',
      suggestion: 'Count 429 answers per client in the metrics endpoint.',
    },
  ],
};
const THREATS = threatsBlocking as ThreatModel;
const NO_BLOCKING_THREATS = threatsClear as ThreatModel;
const BLOCKING_THREAT = 'T2';

const reply = (value: unknown): Turn => ({ reply: JSON.stringify(value) });

const restore: Array<() => Promise<void>> = [];

/** The workspace's `.omni/config.json` with one Ollama provider at `url`, for the length of one test. */
async function pointModelsAt(url: string, extra: Record<string, unknown> = {}): Promise<void> {
  const config = fixtureUri('.omni/config.json');
  const original = await readText(config);
  const settings = { ...(JSON.parse(original) as Record<string, unknown>), providers: { scripted: { type: 'ollama', host: url, retries: 0 } }, models: { chain: ['scripted'] }, ...extra };
  await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(JSON.stringify(settings, null, 2)));
  restore.push(() => Promise.resolve(vscode.workspace.fs.writeFile(config, new TextEncoder().encode(original))));
}

async function useScriptedModels(turns: Turn[], extra: Record<string, unknown> = {}): Promise<ScriptedOllama> {
  const server = await startOllamaServer({ turns });
  restore.push(() => server.close());
  await pointModelsAt(server.url, extra);
  return server;
}

interface Outcome {
  slug: string;
  specPath: string;
  phase: string;
  reasons: string[];
  overall?: number;
  openThreats?: number;
  keptDraft?: string;
  keptAnswers?: string;
}
type Run = { kind: 'outcome'; outcome: Outcome } | { kind: 'stopped'; reason: string; message: string };

async function generate(task: string): Promise<Outcome> {
  const run = await vscode.commands.executeCommand<Run>('omni.generateSpec', task);
  assert.equal(run.kind, 'outcome', JSON.stringify(run));
  return (run as Extract<Run, { kind: 'outcome' }>).outcome;
}

function specFile(slug: string, name: string): vscode.Uri {
  return fixtureUri(`.omni/specs/${slug}/${name}`);
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The open document of `uri` once its text matches `pattern` (an approval written on disk reaches it through a reload). */
async function documentMatching(uri: vscode.Uri, pattern: RegExp): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  if (pattern.test(document.getText())) return document;
  return new Promise((resolve) => {
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== document || !pattern.test(document.getText())) return;
      subscription.dispose();
      resolve(document);
    });
  });
}

suite('Omni: Generate Spec and Approve Spec', () => {
  teardown(async () => {
    await closeAllEditors();
    for (const undo of restore.splice(0)) await undo();
  });

  test('Generate Spec drafts, reviews and threat-models up to the approval gate, and opens the spec', async () => {
    const server = await useScriptedModels([reply(DRAFT), reply(REVIEW), reply(THREATS)]);
    const outcome = await generate('Rate-limit the public API');
    assert.equal(outcome.phase, 'awaiting-approval', outcome.reasons.join('; '));
    assert.equal(outcome.overall, 9);
    assert.equal(server.remainingTurns, 0);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, specFile(outcome.slug, 'spec.md').fsPath);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /R1/);
    const review = JSON.parse(await readText(specFile(outcome.slug, 'review.json'))) as { decision: string; overall: number };
    assert.equal(review.decision, 'proceed');
    ThreatsFile.parse(JSON.parse(await readText(specFile(outcome.slug, 'threats.json'))));
    const events = parsePipelineLog(await readText(specFile(outcome.slug, 'events.jsonl')), 'events.jsonl');
    assert.equal(replay(events).phase, 'awaiting-approval');
  });

  test('a review below 6 stops for a human: the spec opens and the outcome carries the reasons', async () => {
    const server = await useScriptedModels([reply(DRAFT), reply(reviewFail as DesignReview)]);
    const outcome = await generate('Rate-limit the legacy API');
    assert.equal(outcome.phase, 'needs-human', JSON.stringify(outcome));
    assert.ok(outcome.reasons.length > 0);
    assert.ok((outcome.overall ?? 10) < 6);
    assert.equal(server.chatBodies().length, 2, 'no threat model for a spec that failed its review');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, specFile(outcome.slug, 'spec.md').fsPath);
  });

  test('Approve Spec is refused while a blocking threat is open, and records the approval once it is mitigated', async () => {
    await useScriptedModels([reply(DRAFT), reply(REVIEW), reply(THREATS)]);
    const { slug } = await generate('Add rate limiting to the admin API');
    const spec = specFile(slug, 'spec.md');
    const refused = await vscode.commands.executeCommand<{ kind: string; reasons?: string[] }>('omni.approveSpec', spec);
    assert.equal(refused.kind, 'refused');
    assert.ok(refused.reasons?.some((reason) => new RegExp(`${BLOCKING_THREAT}|threat`, 'i').test(reason)), refused.reasons?.join('; '));
    assert.doesNotMatch(await readText(spec), /^approval:/m);

    const threatsUri = specFile(slug, 'threats.json');
    const threats = ThreatsFile.parse(JSON.parse(await readText(threatsUri)));
    const mitigated = setThreatStatus(threats, BLOCKING_THREAT, 'mitigated');
    await vscode.workspace.fs.writeFile(threatsUri, new TextEncoder().encode(JSON.stringify(mitigated, null, 2)));

    // No argument: the spec in the active editor is the one approved, as from the editor's title bar.
    await vscode.window.showTextDocument(spec);
    const approved = await vscode.commands.executeCommand<{ kind: string; slug?: string; by?: string }>('omni.approveSpec');
    assert.equal(approved.kind, 'approved', JSON.stringify(approved));
    assert.equal(approved.slug, slug);
    const text = await readText(spec);
    assert.match(text, /^status: approved$/m);
    assert.match(text, /^approval:/m);
    assert.match(text, /spec_sha256: "?[0-9a-f]{64}"?/);
    assert.ok(text.includes(`by: ${approved.by ?? '?'}`) || text.includes(`by: "${approved.by ?? '?'}"`), text.slice(0, 600));
  });

  test('an edit voids the approval: an information diagnostic on the frontmatter says so', async () => {
    await useScriptedModels([reply(DRAFT), reply(REVIEW), reply(NO_BLOCKING_THREATS)]);
    const { slug } = await generate('Add rate limiting to the upload API');
    const spec = specFile(slug, 'spec.md');
    const approved = await vscode.commands.executeCommand<{ kind: string }>('omni.approveSpec', spec);
    assert.equal(approved.kind, 'approved', JSON.stringify(approved));
    // The approval was written on disk; the open document reloads it from there.
    const editor = await vscode.window.showTextDocument(await documentMatching(spec, /^approval:/m));
    const voided = (diagnostics: vscode.Diagnostic[]) => diagnostics.some((diagnostic) => diagnostic.source === 'omni-spec' && diagnostic.code === 'approval');
    assert.equal(voided(vscode.languages.getDiagnostics(spec)), false, 'void before any edit');
    const r1 = editor.document.getText().indexOf('R1');
    const line = editor.document.positionAt(r1).line;
    await editor.edit((edit) => edit.insert(new vscode.Position(line, editor.document.lineAt(line).text.length), ' (every endpoint)'));
    const diagnostics = await waitForDiagnostics(spec, voided);
    const notice = diagnostics.find((diagnostic) => diagnostic.code === 'approval');
    assert.equal(notice?.severity, vscode.DiagnosticSeverity.Information);
    assert.match(notice?.message ?? '', /^approval void: /);
    assert.match(editor.document.lineAt(notice?.range.start.line ?? 0).text, /^approval:/, 'on the approval in the frontmatter');
  });

  test('the current review\'s findings show at the lines they name', async () => {
    await useScriptedModels([reply(DRAFT), reply(REVIEW), reply(THREATS)]);
    const { slug } = await generate('Add rate limiting to the search API');
    const spec = specFile(slug, 'spec.md');
    const document = (await vscode.window.showTextDocument(spec)).document;
    const diagnostics = await waitForDiagnostics(spec, (all) => all.some((diagnostic) => diagnostic.code === 'review/operationalReadiness'));
    const finding = diagnostics.find((diagnostic) => diagnostic.code === 'review/operationalReadiness');
    assert.match(document.lineAt(finding?.range.start.line ?? 0).text, /R2/);
    assert.match(finding?.message ?? '', /No metric for rejected requests/);
  });

  test('a pipeline cut off after the completeness check resumes at the review, without drafting again', async () => {
    await useScriptedModels([reply(DRAFT), reply(REVIEW), reply(THREATS)]);
    const { slug } = await generate('Add rate limiting to the export API');
    // What an editor closed mid-pipeline leaves: the log up to the last line written, no review yet.
    const log = specFile(slug, 'events.jsonl');
    const lines = (await readText(log)).split('\n').filter((line) => line.trim() !== '');
    const cut = lines.findIndex((line) => (JSON.parse(line) as { type: string; complete?: boolean }).type === 'completeness');
    assert.ok(cut > 0, 'the log has a completeness event');
    await vscode.workspace.fs.writeFile(log, new TextEncoder().encode(`${lines.slice(0, cut + 1).join('\n')}\n`));
    for (const name of ['review.json', 'threats.json']) await vscode.workspace.fs.delete(specFile(slug, name));
    assert.equal(replay(parsePipelineLog(await readText(log), 'events.jsonl')).nextStep, 'review');
    for (const undo of restore.splice(0)) await undo();

    const server = await useScriptedModels([reply(REVIEW), reply(THREATS)]);
    // The command resumes only a pipeline its log shows as having a step left, as the restart offer does.
    const run = await vscode.commands.executeCommand<Run>('omni.resumeSpecPipeline', slug);
    assert.equal(run.kind, 'outcome', JSON.stringify(run));
    const { outcome } = run as Extract<Run, { kind: 'outcome' }>;
    assert.equal(outcome.slug, slug);
    assert.equal(outcome.phase, 'awaiting-approval');
    assert.equal(server.remainingTurns, 0);
    assert.equal(server.chatBodies().length, 2, 'only the review and the threat model were asked for');
    await vscode.workspace.fs.stat(specFile(slug, 'review.json'));
  });

  test('a review answer that never validates ends the run as failed, with the draft and the answers kept', async () => {
    const invalid: Turn = { reply: 'The design looks fine to me, 8/10.' };
    await useScriptedModels([reply(DRAFT), ...Array.from({ length: 6 }, () => invalid)]);
    const outcome = await generate('Rate-limit the reports API');
    assert.equal(outcome.phase, 'failed', JSON.stringify(outcome));
    assert.ok(outcome.keptDraft !== undefined && outcome.keptAnswers !== undefined, JSON.stringify(outcome));
    assert.match(await readText(vscode.Uri.file(outcome.keptDraft)), /^## Requirements$/m);
    assert.match(await readText(vscode.Uri.file(outcome.keptAnswers)), /8\/10/);
  });

  test('a run that would go over its budget stops with nothing spent unless the budget dialog is answered "Go On"', async () => {
    const server = await useScriptedModels([reply(DRAFT)], { budget: { maxTokens: 100 } });
    const outcome = await generate('Rate-limit the audit API');
    assert.equal(outcome.phase, 'failed', JSON.stringify(outcome));
    assert.match(outcome.reasons.join(' '), /budget/);
    assert.equal(server.chatBodies().length, 0, 'no model was asked');
  });

  test('with no model answering, Generate Spec says how to set one up and writes no spec', async () => {
    await pointModelsAt(await refusedUrl());
    const before = await vscode.workspace.fs.readDirectory(fixtureUri('.omni/specs')).then(
      (entries) => entries.length,
      () => 0,
    );
    const run = await vscode.commands.executeCommand<Run>('omni.generateSpec', 'Add rate limiting to the billing API');
    assert.equal(run.kind, 'stopped');
    assert.equal((run as Extract<Run, { kind: 'stopped' }>).reason, 'no-provider');
    assert.match((run as Extract<Run, { kind: 'stopped' }>).message, /ollama/i);
    const after = await vscode.workspace.fs.readDirectory(fixtureUri('.omni/specs')).then(
      (entries) => entries.length,
      () => 0,
    );
    assert.equal(after, before);
  });
  test('a review of 6-7 sends the spec back once: the Architect revises with the findings, the diff is logged, and the second review passes', async () => {
    const server = await useScriptedModels([reply(DRAFT), reply(reviewRevise as DesignReview), reply(revised as SpecDraft), reply(REVIEW), reply(NO_BLOCKING_THREATS)]);
    const outcome = await generate('Rate-limit the search API');
    assert.equal(outcome.phase, 'awaiting-approval', outcome.reasons.join('; '));
    assert.equal(server.remainingTurns, 0);
    const review = JSON.parse(await readText(specFile(outcome.slug, 'review.json'))) as { rounds: { decision: string }[] };
    assert.deepEqual(review.rounds.map((round) => round.decision), ['revise', 'proceed']);
    const events = parsePipelineLog(await readText(specFile(outcome.slug, 'events.jsonl')), 'events.jsonl');
    const revision = events.find((event) => event.type === 'revision');
    assert.ok(revision?.type === 'revision' && revision.cause === 'review', 'the revision is logged');
    assert.match(revision.diff, /^\+#### R3: When the client map is full/m);
    assert.match(await readText(specFile(outcome.slug, 'spec.md')), /^#### R3: /m);
  });

  test('an incomplete draft goes back to the Architect before the Reviewer is asked anything', async () => {
    const server = await useScriptedModels([reply(draftIncomplete as SpecDraft), reply(DRAFT), reply(REVIEW), reply(NO_BLOCKING_THREATS)]);
    const outcome = await generate('Rate-limit the upload API');
    assert.equal(outcome.phase, 'awaiting-approval', outcome.reasons.join('; '));
    const roles = server.chatBodies().map((body) => /You are the (\w+)/.exec(body.messages?.find((message) => message.role === 'system')?.content ?? '')?.[1]);
    assert.deepEqual(roles, ['Architect', 'Architect', 'Reviewer', 'Threat']);
    const events = parsePipelineLog(await readText(specFile(outcome.slug, 'events.jsonl')), 'events.jsonl');
    const checks = events.filter((event) => event.type === 'completeness');
    assert.deepEqual(checks.map((event) => event.type === 'completeness' && event.complete), [false, true]);
  });

  test('a spec edited by hand while the pipeline is stopped keeps the edit through the Architect\'s revision', async () => {
    // The model server goes away after the review asks for a revision: the run stops before the Architect revises.
    await useScriptedModels([reply(DRAFT), reply(reviewRevise as DesignReview)]);
    const first = await vscode.commands.executeCommand<Run>('omni.generateSpec', 'Rate-limit the billing API');
    assert.equal(first.kind, 'stopped', JSON.stringify(first));
    const slug = 'rate-limit-the-billing-api';
    assert.equal(replay(parsePipelineLog(await readText(specFile(slug, 'events.jsonl')), 'events.jsonl')).nextStep, 'revise');
    for (const undo of restore.splice(0)) await undo();

    // The user adds a section and saves, as in any editor.
    const document = await vscode.workspace.openTextDocument(specFile(slug, 'spec.md'));
    const note = '\n## Notes from the team\n\nThe ops team wants the limit per route later.\n';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.lineAt(document.lineCount - 1).range.end, note);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());

    const server = await useScriptedModels([reply(revised as SpecDraft), reply(REVIEW), reply(NO_BLOCKING_THREATS)]);
    const run = await vscode.commands.executeCommand<Run>('omni.resumeSpecPipeline', slug);
    assert.equal(run.kind, 'outcome', JSON.stringify(run));
    assert.equal((run as Extract<Run, { kind: 'outcome' }>).outcome.phase, 'awaiting-approval');
    assert.match(server.chatBodies()[0]?.messages?.at(-1)?.content ?? '', /The ops team wants the limit per route later\./, 'the Architect saw the edit');
    const text = await readText(specFile(slug, 'spec.md'));
    assert.match(text, /^## Notes from the team$/m);
    assert.match(text, /The ops team wants the limit per route later\./);
    assert.match(text, /^#### R3: When the client map is full/m);
  });
});
