import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DesignReview } from '../../../src/core/schemas/design-review';
import type { SpecDraft } from '../../../src/core/schemas/spec-draft';
import type { ThreatModel } from '../../../src/core/schemas/threat-model';
import { ThreatsFile, setThreatStatus } from '../../../src/core/threats/threats-file';
import type * as Specs from '../../../src/extension/specs/specs-bundle';
import { refusedUrl, startOllamaServer, type Turn } from '../../support/ollama-server';
import draft from '../../fixtures/agents/draft.json';
import reviewPass from '../../fixtures/agents/review-pass.json';
import threatsClear from '../../fixtures/agents/threats.json';
import threatsBlocking from '../../fixtures/agents/threats-blocking.json';
import { closeAllEditors, fixtureUri, omniExtension, openFixture } from './helpers';
import { activeOmni } from './omni-helpers';
import { suite, teardown, test } from './tdd';

// The chat view needs a chat provider extension (Copilot) that this offline code-server does not
// have, so no ChatRequest can come from the UI. These tests call the participant's real handler,
// from the extension's own spec bundle, with a recorder that implements ChatResponseStream; the
// tools go through VS Code's real `vscode.lm.invokeTool`.

const reply = (value: unknown): Turn => ({ reply: JSON.stringify(value) });
const BLOCKING_THREAT = 'T2';

/** Every part the handler streams, in order. */
class RecordingStream implements vscode.ChatResponseStream {
  readonly steps: string[] = [];
  readonly markdowns: string[] = [];
  readonly references: string[] = [];
  readonly buttons: vscode.Command[] = [];
  readonly anchors: string[] = [];

  markdown(value: string | vscode.MarkdownString): void {
    this.markdowns.push(typeof value === 'string' ? value : value.value);
  }
  anchor(value: vscode.Uri | vscode.Location): void {
    this.anchors.push((value instanceof vscode.Uri ? value : value.uri).fsPath);
  }
  button(command: vscode.Command): void {
    this.buttons.push(command);
  }
  filetree(): void {
    throw new Error('the handler draws no file tree');
  }
  progress(value: string): void {
    this.steps.push(value);
    this.onProgress?.(value);
  }
  reference(value: vscode.Uri | vscode.Location): void {
    this.references.push((value instanceof vscode.Uri ? value : value.uri).fsPath);
  }
  push(part: vscode.ChatResponsePart): void {
    if (part instanceof vscode.ChatResponseMarkdownPart) this.markdown(part.value);
    else throw new Error(`unexpected part ${part.constructor.name}`);
  }
  onProgress: ((message: string) => void) | undefined;
  get text(): string {
    return this.markdowns.join('\n');
  }
}

/** Keys kept in memory: the handler reads the user's stored API keys, and the scripted Ollama needs none. */
class MemorySecrets implements vscode.SecretStorage {
  private readonly values = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
  keys(): Promise<string[]> {
    return Promise.resolve([...this.values.keys()]);
  }
}

const output = vscode.window.createOutputChannel('Omni chat tests', { log: true });
const host = { output, secrets: new MemorySecrets(), subscriptions: [] as vscode.Disposable[] };

/** The extension's spec bundle, the module its participant loads on the first request. */
function specsBundle(): typeof Specs {
  return require(join(omniExtension().extensionPath, 'dist', 'extension-specs.js')) as typeof Specs;
}

async function ask(command: string | undefined, prompt: string, options: { token?: vscode.CancellationToken; trusted?: boolean; stream?: RecordingStream; references?: vscode.ChatPromptReference[] } = {}): Promise<{ stream: RecordingStream; result: vscode.ChatResult }> {
  const stream = options.stream ?? new RecordingStream();
  // The handler reads neither the model nor the tool token: /spec uses the user's configured providers.
  const request = { prompt, command, references: options.references ?? [], toolReferences: [], toolInvocationToken: undefined as never, model: undefined as unknown as vscode.LanguageModelChat };
  const result = await specsBundle().handleChatRequest(host, request, stream, options.token ?? new vscode.CancellationTokenSource().token, options.trusted ?? true);
  return { stream, result };
}

const restore: Array<() => Promise<void>> = [];

/** The workspace's `.omni/config.json` with one Ollama provider at `url`, for the length of one test. */
async function pointModelsAt(url: string): Promise<void> {
  const config = fixtureUri('.omni/config.json');
  const original = await readText(config);
  const settings = { ...(JSON.parse(original) as Record<string, unknown>), providers: { scripted: { type: 'ollama', host: url, retries: 0 } }, models: { chain: ['scripted'] } };
  await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(JSON.stringify(settings, null, 2)));
  restore.push(() => Promise.resolve(vscode.workspace.fs.writeFile(config, new TextEncoder().encode(original))));
}

async function useScriptedModels(turns: Turn[]): Promise<{ chatBodies(): unknown[]; remainingTurns: number }> {
  const server = await startOllamaServer({ turns });
  restore.push(() => server.close());
  await pointModelsAt(server.url);
  return server;
}

async function specFolderNames(): Promise<string[]> {
  return vscode.workspace.fs.readDirectory(fixtureUri('.omni/specs')).then(
    (entries) => entries.map(([name]) => name).sort(),
    () => [],
  );
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

function specFile(slug: string, name: string): vscode.Uri {
  return fixtureUri(`.omni/specs/${slug}/${name}`);
}

/** Drafts a spec through the handler and removes its folder after the test. */
async function specThroughChat(task: string, threats: ThreatModel = threatsBlocking as ThreatModel): Promise<{ slug: string; stream: RecordingStream; result: vscode.ChatResult }> {
  await useScriptedModels([reply(draft as SpecDraft), reply(reviewPass as DesignReview), reply(threats)]);
  const { stream, result } = await ask('spec', task);
  const slug = (result.metadata as { slug?: string } | undefined)?.slug;
  assert.ok(slug, `no spec was made: ${stream.text}`);
  restore.push(() => Promise.resolve(vscode.workspace.fs.delete(fixtureUri(`.omni/specs/${slug}`), { recursive: true })));
  return { slug, stream, result };
}

function toolText(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : (part as { value?: unknown }).value)).join('');
}

suite('Omni: @omni chat participant and language model tools', () => {
  teardown(async () => {
    await closeAllEditors();
    for (const undo of restore.splice(0).reverse()) await undo();
  });

  test('omni_check and omni_spec_status are registered with the input schemas package.json declares', async () => {
    await activeOmni();
    const declared = (omniExtension().packageJSON as { contributes: { languageModelTools: { name: string; inputSchema: unknown }[] } }).contributes.languageModelTools;
    for (const name of ['omni_check', 'omni_spec_status']) {
      const tool = vscode.lm.tools.find((candidate) => candidate.name === name);
      assert.ok(tool, `${name} is in vscode.lm.tools: ${vscode.lm.tools.map((candidate) => candidate.name).join(', ')}`);
      assert.deepEqual(tool.inputSchema, declared.find((entry) => entry.name === name)?.inputSchema);
    }
  });

  test('omni_check reports a file\'s findings with their lines, under the project\'s config', async () => {
    await activeOmni();
    const all = toolText(await vscode.lm.invokeTool('omni_check', { input: { path: 'python/orders.py' }, toolInvocationToken: undefined }));
    assert.match(all, /^python\/orders\.py:8:5: warning py\/bare-except: /m);
    assert.match(all, /^python\/orders\.py:4:28: warning py\/mutable-default-arg: /m);
    assert.doesNotMatch(all, /py\/print-call/, '.omni/config.json turns py/print-call off');
    assert.match(all, /^5 finding\(s\) in 1 file\(s\)\.$/m);

    const one = toolText(await vscode.lm.invokeTool('omni_check', { input: { paths: ['python/orders.py', 'README.txt', '/etc/hostname', 'python/../../outside.py'], ruleIds: ['py/bare-except'] }, toolInvocationToken: undefined }));
    assert.match(one, /^1 finding\(s\) in 4 file\(s\)\.$/m);
    assert.match(one, /README\.txt: note: not a language the rules engine checks/);
    assert.match(one, /\/etc\/hostname: note: outside the workspace folders: not checked/);
    assert.match(one, /\/outside\.py: note: outside the workspace folders: not checked/);

    const folder = toolText(await vscode.lm.invokeTool('omni_check', { input: { path: 'python', ruleIds: ['py/bare-except'] }, toolInvocationToken: undefined }));
    assert.match(folder, /^python\/actions\.py:4:5: warning py\/bare-except: /m);
    assert.match(folder, /^python\/orders\.py:8:5: warning py\/bare-except: /m);

    await assert.rejects(Promise.resolve(vscode.lm.invokeTool('omni_check', { input: { file: 'python/orders.py' }, toolInvocationToken: undefined })), /omni_check: invalid input/);
    await assert.rejects(Promise.resolve(vscode.lm.invokeTool('omni_check', { input: { path: 'python/orders.py', ruleIds: ['py/nope'] }, toolInvocationToken: undefined })), /unknown rule id\(s\): py\/nope/);
  });

  test('/spec streams the pipeline\'s steps, then the outcome with links to its files and the next steps as buttons', async () => {
    const { slug, stream, result } = await specThroughChat('Rate-limit the chat API');
    assert.equal(stream.steps[0], 'Asking the model provider');
    assert.ok(stream.steps.length >= 4, `one progress message per step: ${stream.steps.join(' | ')}`);
    assert.match(stream.text, new RegExp(`The spec \\*\\*${slug}\\*\\* is ready for your approval\\. Design review: \\*\\*9/10\\*\\*`));
    assert.match(stream.text, /1 open high or critical threat\(s\) block approval/);
    assert.deepEqual(stream.references, ['spec.md', 'review.json', 'threats.json'].map((name) => specFile(slug, name).fsPath));
    assert.deepEqual(stream.buttons.map((button) => button.title), ['Open Spec', 'Approve Spec', 'Open Review']);
    assert.deepEqual(stream.buttons[1]?.arguments, [slug]);
    assert.equal(stream.buttons[1]?.command, 'omni.approveSpec');
    assert.deepEqual(result.metadata, { command: 'spec', slug, phase: 'awaiting-approval', blockingThreats: 1 });
  });

  test('/threats lists what blocks approval, /approve is refused with the reason until it is mitigated, then approves', async () => {
    const { slug } = await specThroughChat('Rate-limit the webhook API');
    const threats = await ask('threats', slug);
    assert.match(threats.stream.text, /\*\*1 threat\(s\) block approval\*\*/);
    assert.match(threats.stream.text, new RegExp(`^- \\*\\*${BLOCKING_THREAT}\\*\\* \\(critical`, 'm'));
    assert.deepEqual(threats.stream.references, [specFile(slug, 'threats.json').fsPath]);

    const refused = await ask('approve', slug);
    assert.match(refused.stream.text, /cannot be approved yet:/);
    assert.match(refused.stream.text, new RegExp(`^- .*${BLOCKING_THREAT}`, 'm'));
    assert.doesNotMatch(await readText(specFile(slug, 'spec.md')), /^approval:/m);

    const threatsUri = specFile(slug, 'threats.json');
    const mitigated = setThreatStatus(ThreatsFile.parse(JSON.parse(await readText(threatsUri))), BLOCKING_THREAT, 'mitigated');
    await vscode.workspace.fs.writeFile(threatsUri, new TextEncoder().encode(JSON.stringify(mitigated, null, 2)));
    // Unsaved edits are not what the approval would cover.
    const editor = await vscode.window.showTextDocument(specFile(slug, 'spec.md'));
    await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\n'));
    const unsaved = await ask('approve', slug);
    assert.match(unsaved.stream.text, /has unsaved changes: save it first/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(editor.document.isDirty, false);

    const approved = await ask('approve', slug);
    assert.match(approved.stream.text, /is approved by .+, recorded in its frontmatter/);
    assert.equal((approved.result.metadata as { phase?: string }).phase, 'approved');
    assert.match(await readText(specFile(slug, 'spec.md')), /^approval:/m);
  });

  test('/review with no spec named reviews the one in the editor again, and a passing review offers approval', async () => {
    const { slug } = await specThroughChat('Rate-limit the review API');
    await vscode.window.showTextDocument(specFile(slug, 'spec.md'));
    const server = await useScriptedModels([reply(reviewPass as DesignReview), reply(threatsClear as ThreatModel)]);
    const { stream, result } = await ask('review', '');
    assert.equal(server.remainingTurns, 0, 'a review and a threat model were asked for');
    assert.ok(stream.steps.includes(`Reviewing ${slug} again`), stream.steps.join(' | '));
    assert.match(stream.text, /is ready for your approval\. Design review: \*\*9\/10\*\*/);
    assert.doesNotMatch(stream.text, /block approval/);
    assert.deepEqual(result.metadata, { command: 'review', slug, phase: 'awaiting-approval', blockingThreats: 0 });
    assert.ok(stream.buttons.some((button) => button.command === 'omni.approveSpec'));
  });

  test('with several specs and none named or open, /approve asks which one and approves nothing, while /threats shows the latest', async () => {
    const { slug: older } = await specThroughChat('Rate-limit the search API', threatsClear as ThreatModel);
    const { slug } = await specThroughChat('Rate-limit the export API', threatsClear as ThreatModel);
    await closeAllEditors();
    assert.equal(vscode.window.activeTextEditor, undefined, 'no editor names a spec');
    const before = await readText(specFile(slug, 'spec.md'));
    const approve = await ask('approve', '');
    assert.match(approve.stream.text, /^Which spec\? This workspace has \d+: name one/);
    assert.match(approve.stream.text, new RegExp(`Specs: .*${slug}`));
    const asked = approve.result.metadata as { stopped?: boolean; choices?: string[] } | undefined;
    assert.equal(asked?.stopped, true);
    assert.ok(asked?.choices?.includes(slug) && asked.choices.includes(older), `each spec is offered as a follow-up: ${JSON.stringify(asked?.choices)}`);
    assert.match(approve.stream.text, new RegExp(`Specs: .*${older}`));
    assert.equal(await readText(specFile(slug, 'spec.md')), before, 'no spec was approved');

    const threats = await ask('threats', '');
    assert.equal((threats.result.metadata as { slug?: string } | undefined)?.slug, slug, `the spec changed last: ${threats.stream.text}`);
  });

  test('/status and omni_spec_status show the spec\'s phase, score and threats', async () => {
    const { slug } = await specThroughChat('Rate-limit the status API');
    const { stream } = await ask('status', '');
    const row = stream.text.split('\n').find((line) => line.includes(`[${slug}]`));
    assert.ok(row, stream.text);
    assert.match(row, /\| awaiting approval \| 9\/10 proceed \| 1 critical, 1 low \| not approved \|$/);

    const one = toolText(await vscode.lm.invokeTool('omni_spec_status', { input: { slug }, toolInvocationToken: undefined }));
    assert.match(one, new RegExp(`^${slug} ".+": awaiting approval$`, 'm'));
    assert.match(one, /^ {2}open threats: 1 critical, 1 low; blocking approval: 1$/m);
    await assert.rejects(Promise.resolve(vscode.lm.invokeTool('omni_spec_status', { input: { slug: 'no-such-spec' }, toolInvocationToken: undefined })), /spec "no-such-spec": not in this workspace; its specs are /);
  });

  test('/check lists the findings of the selection, else of the whole file, linked to their lines', async () => {
    const editor = await openFixture('python/orders.py');
    editor.selection = new vscode.Selection(6, 0, 8, 0);
    const selection = await ask('check', '');
    assert.match(selection.stream.text, /^\*\*1 finding\(s\)\*\* in the selection of python\/orders\.py \(lines 7-8\):/);
    assert.match(selection.stream.text, /^- \[python\/orders\.py:8\]\(file:\/\/\/.+\/python\/orders\.py#L8\) warning `py\/bare-except`: /m);

    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const whole = await ask('check', '');
    assert.match(whole.stream.text, /^\*\*5 finding\(s\)\*\* in python\/orders\.py:/);
    assert.deepEqual(whole.stream.references, [editor.document.uri.fsPath]);

    // Files the user attaches with #file are checked instead of the editor's.
    const attached = fixtureUri('python/actions.py');
    const referenced = await ask('check', '', { references: [{ id: 'vscode.file', value: attached }] });
    assert.match(referenced.stream.text, /^\*\*1 finding\(s\)\*\* in python\/actions\.py:/);
    assert.match(referenced.stream.text, /\[python\/actions\.py:4\]/);
  });

  test('cancelling /spec aborts the pipeline: the response says so and nothing more is asked of the model', async () => {
    const server = await useScriptedModels([{ stall: true }]);
    const cancel = new vscode.CancellationTokenSource();
    const stream = new RecordingStream();
    // The first step's progress: the Architect's request is on its way.
    stream.onProgress = (message) => {
      if (message !== 'Asking the model provider') cancel.cancel();
    };
    const { result } = await ask('spec', 'Rate-limit the cancelled API', { token: cancel.token, stream });
    assert.match(stream.text, /^Cancelled\. What was written is kept/);
    assert.equal((result.metadata as { stopped?: boolean }).stopped, true);
    assert.ok(server.chatBodies().length <= 1);
    const specs = await vscode.workspace.fs.readDirectory(fixtureUri('.omni/specs'));
    for (const [name] of specs.filter(([name]) => name.startsWith('rate-limit-the-cancelled-api'))) {
      restore.push(() => Promise.resolve(vscode.workspace.fs.delete(fixtureUri(`.omni/specs/${name}`), { recursive: true })));
    }
  });

  test('with no model answering, /spec says how to set one up in the response and writes no spec', async () => {
    await pointModelsAt(await refusedUrl());
    const before = await specFolderNames();
    const { stream, result } = await ask('spec', 'Rate-limit the unreachable API');
    assert.match(stream.text, /^No model answers, so nothing was sent\./);
    assert.match(stream.text, /ollama/i);
    assert.equal((result.metadata as { stopped?: boolean }).stopped, true);
    assert.deepEqual(await specFolderNames(), before);
  });

  test('in Restricted Mode /spec refuses without asking a model; a bad request is answered in markdown', async () => {
    const server = await useScriptedModels([]);
    const untrusted = await ask('spec', 'Rate-limit the untrusted API', { trusted: false });
    assert.match(untrusted.stream.text, /off in Restricted Mode/);
    assert.equal(server.chatBodies().length, 0);

    const unknown = await ask('review', 'no-such-spec');
    assert.match(unknown.stream.text, /^No spec "no-such-spec" in this workspace/);
    const help = await ask(undefined, 'what can you do?');
    assert.match(help.stream.text, /`\/spec <task>`/);
  });
});
