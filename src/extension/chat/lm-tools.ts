import * as vscode from 'vscode';
import { specStatus, type SpecSummary } from '../../core/agents/approve';
import { SpecNotFoundError } from '../../core/agents/spec-workspace';
import { nodeSpecWorkspace } from '../../node/specs/node-spec-workspace';
import { parseToolInput } from '../../protocol/lm-tools';
import { readSettings } from '../settings';
import { specFolders } from '../specs/spec-project';
import { chatEngine } from './chat-engine';
import type { ChatHost } from './chat-host';
import { checkFiles } from './check-files';
import { findingsText } from './render-findings';
import { statusText } from './render-status';
import { checkTarget, resolveWorkspacePath, workspaceRootOf } from './workspace-files';

/** `omni_check`: the rules engine on the files named, as text a model reads; files outside the workspace are not read. */
export async function invokeCheckTool(host: Pick<ChatHost, 'subscriptions'>, input: unknown, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  const { path, paths, ruleIds } = parseToolInput('omni_check', input);
  const targets = [...(path !== undefined ? [path] : []), ...(paths ?? [])].map((entry) => checkTarget(resolveWorkspacePath(entry)));
  const engine = await chatEngine(host.subscriptions);
  if (token.isCancellationRequested) throw new vscode.CancellationError();
  const files = await checkFiles(engine, targets, workspaceRootOf, { overrides: readSettings().settings.rules, ...(ruleIds ? { ruleIds } : {}) });
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(findingsText(files))]);
}

/** `omni_spec_status`: every spec (or one) with phase, review, threats, approval and next step. */
export async function invokeSpecStatusTool(input: unknown): Promise<vscode.LanguageModelToolResult> {
  const { slug } = parseToolInput('omni_spec_status', input);
  const specs: SpecSummary[] = (await Promise.all(specFolders().map((folder) => specStatus(nodeSpecWorkspace(folder.uri.fsPath))))).flat();
  const chosen = slug === undefined ? specs : specs.filter((spec) => spec.slug === slug);
  if (slug !== undefined && chosen.length === 0) {
    throw new SpecNotFoundError(slug, `not in this workspace${specs.length > 0 ? `; its specs are ${specs.map((spec) => spec.slug).join(', ')}` : ' (.omni/specs is empty)'}`);
  }
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(statusText(chosen))]);
}
