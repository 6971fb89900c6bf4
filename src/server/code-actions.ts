import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  MessageType,
  ShowMessageNotification,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BaselineError } from '../core/baseline/baseline';
import type { RulesEngine } from '../core/rules/engine';
import type { Finding } from '../core/rules/finding';
import { applySafeFixes } from '../core/rules/fix-loop';
import { visibleFindings } from './visible-findings';
import type { TextEdit } from '../core/rules/rule';
import { AddToBaselineArgsSchema, Commands, SuppressionEditRequest, type SuppressArgs } from '../protocol/messages';
import { addBaselineEntry } from './baseline-file';
import { lspRange, SOURCE } from './diagnostics';
import type { LiveDocument, LiveDocuments } from './live-documents';
import { suppressionEdit } from './suppression-edit';
import type { Workspace } from './workspace';

/** Our kind under `source.fixAll`, for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.omni`;

interface CodeActionContext {
  readonly engine: RulesEngine;
  readonly documents: LiveDocuments;
  readonly workspace: Workspace;
}

/** `kind` is requested by `only` when one of its entries is `kind` itself or a parent of it. */
function requested(only: readonly string[] | undefined, kind: string): boolean {
  return only === undefined ? kind === CodeActionKind.QuickFix : only.some((entry) => kind === entry || kind.startsWith(`${entry}.`));
}

export function registerCodeActions(connection: Connection, context: CodeActionContext): void {
  connection.onCodeAction(async ({ textDocument, context: request }, token) => {
    const document = context.documents.current(textDocument.uri);
    if (!document?.published) return [];
    const actions: CodeAction[] = [];
    if (requested(request.only, CodeActionKind.QuickFix)) {
      for (const diagnostic of request.diagnostics) {
        if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
        const finding = document.published.findings.find((candidate) => candidate.ruleId === diagnostic.code && sameRange(lspRange(candidate.range), diagnostic.range));
        if (finding) actions.push(...quickFixes(document, finding, diagnostic));
      }
    }
    if (requested(request.only, FIX_ALL_KIND) && !token.isCancellationRequested) {
      const fixAll = await fixAllAction(context, document);
      if (fixAll && !token.isCancellationRequested && context.documents.current(textDocument.uri) === document) actions.push(fixAll);
    }
    return actions;
  });

  connection.onRequest(SuppressionEditRequest.method, (raw: unknown) => {
    const args = SuppressionEditRequest.params.parse(raw);
    const document = context.documents.get(args.uri);
    if (!document) throw new Error(`${args.uri} is not open`);
    return SuppressionEditRequest.result.parse({ edits: [suppressionEdit(document.document, document.language, args.ruleId, args.line, args.scope, args.reason)] });
  });

  connection.onExecuteCommand(async ({ command, arguments: rawArgs }) => {
    if (command !== Commands.addToBaseline) return;
    const args = AddToBaselineArgsSchema.parse(rawArgs?.[0]);
    const document = context.documents.get(args.uri);
    const project = document?.project;
    const projectPath = document && project?.relative(document.path);
    if (!document || !project || projectPath === undefined) {
      tell(connection, MessageType.Warning, 'Omni: only files inside a workspace folder can be added to its baseline.');
      return;
    }
    try {
      await addBaselineEntry(project.baselineFile, { ruleId: args.ruleId, path: projectPath, fingerprint: args.fingerprint, line: args.line + 1, message: args.message });
    } catch (error) {
      const why = error instanceof BaselineError ? `${error.message}; fix the file first, it was left as it is` : String(error);
      tell(connection, MessageType.Error, `Omni: could not add to the baseline: ${why}`);
      return;
    }
    await project.loadBaseline();
    context.documents.relintAll((candidate) => candidate.project === project);
    void connection.sendDiagnostics({ uri: pathToFileURL(project.baselineFile).href, diagnostics: [] });
  });
}

function quickFixes(document: LiveDocument, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
  const actions: CodeAction[] = [];
  if (finding.fix) {
    actions.push({
      title: finding.fix.title,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      diagnostics: [diagnostic],
      edit: { changes: { [document.uri]: finding.fix.edits.map((edit) => lspEdit(document.document, edit)) } },
    });
  }
  // Suppressing or baselining a finding about suppressions would only hide the advice.
  if (!finding.ruleId.startsWith('omni/')) {
    const suppress = (scope: SuppressArgs['scope']): SuppressArgs => ({ uri: document.uri, ruleId: finding.ruleId, line: finding.range.start.line, scope });
    actions.push(
      { title: `Suppress ${finding.ruleId} on this line...`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Suppress on this line', command: Commands.suppress, arguments: [suppress('line')] } },
      { title: `Suppress ${finding.ruleId} in this file...`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Suppress in this file', command: Commands.suppress, arguments: [suppress('file')] } },
    );
    if (document.project?.relative(document.path) !== undefined) {
      actions.push({
        title: `Add this ${finding.ruleId} finding to the baseline`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: {
          title: 'Add to baseline',
          command: Commands.addToBaseline,
          arguments: [AddToBaselineArgsSchema.parse({ uri: document.uri, ruleId: finding.ruleId, fingerprint: finding.fingerprint, line: finding.range.start.line, message: finding.message })],
        },
      });
    }
  }
  actions.push({ title: `Show documentation for ${finding.ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Show rule documentation', command: Commands.showRuleDocumentation, arguments: [finding.ruleId] } });
  return actions;
}

/** Every safe fix of a finding the user sees (not of baselined ones), applied until none is left, as one edit of the whole document. */
async function fixAllAction(context: CodeActionContext, document: LiveDocument): Promise<CodeAction | undefined> {
  const text = document.document.getText();
  const settings = document.project?.settings() ?? context.workspace.looseSettings();
  const fixed = await applySafeFixes(context.engine, document.path, document.language, text, settings, (findings) => visibleFindings(document.project, document.path, findings));
  if (fixed.applied === 0 || fixed.text === text) return undefined;
  return {
    title: 'Fix all Omni findings with a safe fix',
    kind: FIX_ALL_KIND,
    edit: { changes: { [document.uri]: [{ range: { start: { line: 0, character: 0 }, end: document.document.positionAt(text.length) }, newText: fixed.text }] } },
  };
}

function lspEdit(document: TextDocument, edit: TextEdit): LspTextEdit {
  return { range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.newText };
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** A message with no buttons: a notification, so nothing waits on an answer the client may never give. */
function tell(connection: Connection, type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
}
