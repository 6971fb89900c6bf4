import { join } from 'node:path';
import * as vscode from 'vscode';
import { approveSpec, specStatus } from '../../core/agents/approve';
import { reviewSpecAgain, runSpecPipeline, type PipelineOutcome } from '../../core/agents/orchestrator';
import { readThreats, siblingPath } from '../../core/agents/spec-files';
import { blockingThreats } from '../../core/threats/threats-file';
import { nodeSpecWorkspace } from '../../node/specs/node-spec-workspace';
import { approverName } from '../specs/approver';
import { specUri } from '../specs/spec-location';
import { folderForNewSpec, specFolders } from '../specs/spec-project';
import type { ChatOutcome } from './chat-commands';
import type { ChatHost } from './chat-host';
import { runInChat } from './chat-pipeline';
import { escapeMarkdown } from './markdown';
import { renderOutcome } from './render-outcome';
import { renderStatusTable } from './render-status';
import { renderThreats } from './render-threats';
import { specTarget, type NoSpecTarget } from './spec-target';

type Stream = vscode.ChatResponseStream;

/** `/spec <task>`: the whole pipeline, up to the approval gate, with the user's models. */
export async function specCommand(host: ChatHost, task: string, stream: Stream, token: vscode.CancellationToken): Promise<ChatOutcome> {
  if (task.trim() === '') {
    stream.markdown('Say what should be built, in one line: `@omni /spec Add rate limiting to the public API`.');
    return { command: 'spec', stopped: true };
  }
  const folder = await folderForNewSpec();
  if (!folder) {
    stream.markdown('A spec needs a folder: open the project the spec is for.');
    return { command: 'spec', stopped: true };
  }
  const run = await runInChat(host, folder, stream, token, ({ project, llm, signal, onProgress }) => runSpecPipeline({ task, workspace: project.workspace, llm, signal, onProgress }));
  if (run.kind === 'stopped') {
    stream.markdown(run.markdown);
    return { command: 'spec', stopped: true };
  }
  return showOutcome('spec', folder, run.outcome, stream);
}

/** `/review [spec]`: completeness, review and threat model again, on the spec as it is on disk. */
export async function reviewCommand(host: ChatHost, argument: string, stream: Stream, token: vscode.CancellationToken): Promise<ChatOutcome> {
  const target = await specTarget(argument, { name: 'review', acts: true });
  if ('message' in target) return stopped('review', target, stream);
  stream.progress(`Reviewing ${target.slug} again`);
  const run = await runInChat(host, target.folder, stream, token, ({ project, llm, signal, onProgress }) => reviewSpecAgain({ slug: target.slug, workspace: project.workspace, llm, signal, onProgress }));
  if (run.kind === 'stopped') {
    stream.markdown(run.markdown);
    return { command: 'review', slug: target.slug, stopped: true };
  }
  return showOutcome('review', target.folder, run.outcome, stream);
}

/** `/approve [spec]`: the one approval path; a refusal lists the gates' reasons. */
export async function approveCommand(host: ChatHost, argument: string, stream: Stream): Promise<ChatOutcome> {
  const target = await specTarget(argument, { name: 'approve', acts: true });
  if ('message' in target) return stopped('approve', target, stream);
  const { folder, slug } = target;
  const uri = specUri(folder, slug);
  if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString() && document.isDirty)) {
    stream.markdown(`**${escapeMarkdown(slug)}** has unsaved changes: save it first, since the approval covers the spec as saved.`);
    stream.button({ command: 'vscode.open', title: 'Open Spec', arguments: [uri] });
    return { command: 'approve', slug, stopped: true };
  }
  const by = await approverName(folder.uri.fsPath, vscode.workspace.isTrusted);
  const result = await approveSpec({ workspace: nodeSpecWorkspace(folder.uri.fsPath), slug, by, at: new Date() });
  stream.reference(uri);
  if (!result.approved) {
    host.output.info(`approval of ${slug} by ${by} refused: ${result.reasons.join(' ')}`);
    stream.markdown([`**${escapeMarkdown(slug)}** cannot be approved yet:`, '', ...result.reasons.map((reason) => `- ${escapeMarkdown(reason)}`)].join('\n'));
    return { command: 'approve', slug, phase: 'awaiting-approval', stopped: true };
  }
  host.output.info(`${slug} approved by ${by} from chat`);
  stream.markdown(`**${escapeMarkdown(slug)}** is approved by ${escapeMarkdown(by)}, recorded in its frontmatter. Any later edit to the spec voids the approval.`);
  stream.button({ command: 'vscode.open', title: 'Open Spec', arguments: [uri] });
  return { command: 'approve', slug, phase: 'approved' };
}

/** `/threats [spec]`: open threats by risk, the blocking ones listed. */
export async function threatsCommand(argument: string, stream: Stream): Promise<ChatOutcome> {
  const target = await specTarget(argument, { name: 'threats', acts: false });
  if ('message' in target) return stopped('threats', target, stream);
  const folder = nodeSpecWorkspace(target.folder.uri.fsPath).open(target.slug);
  const threats = await readThreats(folder);
  const path = siblingPath(folder, 'threats.json');
  if (!threats) {
    stream.markdown(`**${escapeMarkdown(target.slug)}** has no threat model yet: the pipeline writes one once the design review passes. Ask \`@omni /review ${target.slug}\`.`);
    return { command: 'threats', slug: target.slug, stopped: true };
  }
  stream.markdown(renderThreats(target.slug, path, threats));
  stream.reference(vscode.Uri.file(path));
  stream.button({ command: 'vscode.open', title: 'Open Threat Model', arguments: [vscode.Uri.file(path)] });
  return { command: 'threats', slug: target.slug, blockingThreats: blockingThreats(threats).length };
}

/** `/status`: every spec of every folder as a table. */
export async function statusCommand(stream: Stream): Promise<ChatOutcome> {
  const folders = specFolders();
  for (const folder of folders) {
    const specs = await specStatus(nodeSpecWorkspace(folder.uri.fsPath));
    if (folders.length > 1) stream.markdown(`\n\n#### ${escapeMarkdown(folder.name)}\n\n`);
    stream.markdown(renderStatusTable(specs));
  }
  if (folders.length === 0) stream.markdown('No folder is open: specs live in `.omni/specs` of a workspace folder.');
  return { command: 'status' };
}

/** The outcome in words, links to the spec's files, and the buttons for the next step. */
async function showOutcome(command: 'spec' | 'review', folder: vscode.WorkspaceFolder, outcome: PipelineOutcome, stream: Stream): Promise<ChatOutcome> {
  stream.markdown(renderOutcome(outcome));
  const spec = vscode.Uri.file(outcome.specPath);
  const review = vscode.Uri.file(join(outcome.specPath, '..', 'review.json'));
  const threats = vscode.Uri.file(join(outcome.specPath, '..', 'threats.json'));
  const present = await Promise.all([review, threats].map((uri) => vscode.workspace.fs.stat(uri).then(() => uri, () => undefined)));
  for (const uri of [spec, ...present]) if (uri) stream.reference(uri);
  stream.button({ command: 'vscode.open', title: 'Open Spec', arguments: [spec] });
  if (outcome.phase === 'awaiting-approval') {
    // The slug names the spec in the first folder; elsewhere the file does.
    const target = specFolders()[0] === folder ? outcome.slug : spec;
    stream.button({ command: 'omni.approveSpec', title: 'Approve Spec', arguments: [target] });
  }
  if (present[0]) stream.button({ command: 'vscode.open', title: 'Open Review', arguments: [review] });
  return { command, slug: outcome.slug, phase: outcome.phase, ...(outcome.blockingThreats !== undefined ? { blockingThreats: outcome.blockingThreats } : {}) };
}

function stopped(command: ChatOutcome['command'], target: NoSpecTarget, stream: Stream): ChatOutcome {
  stream.markdown(target.message);
  return { command, stopped: true, ...(target.choices.length > 0 ? { choices: [...target.choices] } : {}) };
}

