import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ShowMessageNotification,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type LogMessageParams,
  type ShowMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { StatusNotification } from '../../../src/protocol/messages';
import { testDist } from '../../support/dist';

type Waiter = { readonly uri: string; readonly accept: (diagnostics: readonly Diagnostic[]) => boolean; readonly resolve: (diagnostics: Diagnostic[]) => void };

/**
 * The built language server in a child process, spoken to over IPC exactly as the extension does,
 * with the client side of vscode-languageserver-protocol. Waits are on messages, never on time.
 */
export class LspSession {
  readonly logs: string[] = [];
  readonly messages: string[] = [];
  readonly statuses: string[] = [];
  private readonly latest = new Map<string, Diagnostic[]>();
  /** Every publication's document and version, in order of arrival. */
  readonly versionsPublished: { readonly uri: string; readonly version: number | undefined }[] = [];
  private waiters: Waiter[] = [];
  private statusWaiters: { readonly state: string; readonly resolve: () => void }[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
    readonly root: string,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
      this.latest.set(params.uri, params.diagnostics);
      this.versionsPublished.push({ uri: params.uri, version: params.version });
      this.waiters = this.waiters.filter((waiter) => {
        if (waiter.uri !== params.uri || !waiter.accept(params.diagnostics)) return true;
        waiter.resolve(params.diagnostics);
        return false;
      });
    });
    connection.onNotification(LogMessageNotification.method, (params: LogMessageParams) => void this.logs.push(params.message));
    connection.onNotification(ShowMessageNotification.method, (params: ShowMessageParams) => void this.messages.push(params.message));
    connection.onNotification(StatusNotification.method, (params: unknown) => {
      const { state } = StatusNotification.params.parse(params);
      this.statuses.push(state);
      this.statusWaiters = this.statusWaiters.filter((waiter) => waiter.state !== state || (waiter.resolve(), false));
    });
  }

  /** Resolves when the server reports `state` (at once if it already did). */
  status(state: string): Promise<void> {
    if (this.statuses.includes(state)) return Promise.resolve();
    return new Promise((resolve) => this.statusWaiters.push({ state, resolve }));
  }

  static async start(root: string, settings: Record<string, unknown> = {}, capabilities: ClientCapabilities = { workspace: { workspaceFolders: true } }): Promise<LspSession> {
    const child = fork(join(testDist(), 'server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    const session = new LspSession(connection, child, root);
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'project' }],
      capabilities,
      initializationOptions: settings,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await session.status('ready');
    return session;
  }

  uri(relative: string): string {
    return pathToFileURL(join(this.root, relative)).href;
  }

  /** Resolves with the first publication for `uri` that `accept` takes, the latest one included. */
  diagnostics(uri: string, accept: (diagnostics: readonly Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const latest = this.latest.get(uri);
    if (latest && accept(latest)) return Promise.resolve(latest);
    return new Promise((resolve) => this.waiters.push({ uri, accept, resolve }));
  }

  /** The next publication for `uri` that `accept` takes, ignoring what was published before. */
  nextDiagnostics(uri: string, accept: (diagnostics: readonly Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ uri, accept, resolve }));
  }

  async open(relative: string, languageId: string, text: string): Promise<string> {
    const uri = this.uri(relative);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Sends one incremental change and keeps the local copy of the text in step. */
  async edit(uri: string, edit: TextEdit): Promise<void> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, applyEdit(this.texts.get(uri) ?? '', edit));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: edit.range, text: edit.newText }] });
  }

  /** Applies several edits of one version (as a workspace edit brings them), last in the text first. */
  async applyEdits(uri: string, edits: readonly TextEdit[]): Promise<void> {
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    for (const edit of sorted) await this.edit(uri, edit);
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async watchedFileChanged(relative: string, type: FileChangeType = FileChangeType.Changed): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: this.uri(relative), type }] });
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range: Range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }) as Promise<CodeAction[]>;
  }

  hover(uri: string, line: number, character: number): Promise<unknown> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await exited;
    this.connection.dispose();
  }
}

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let current = 0; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + character;
}

export function applyEdit(text: string, edit: TextEdit): string {
  const start = offsetOf(text, edit.range.start.line, edit.range.start.character);
  const end = offsetOf(text, edit.range.end.line, edit.range.end.character);
  return text.slice(0, start) + edit.newText + text.slice(end);
}
