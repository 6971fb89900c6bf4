import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { EDITOR_LANGUAGE_IDS } from '../core/rules/languages';
import { ScanProgressNotification, ScanWorkspaceRequest, SettingsNotification, StatusNotification, SuppressionEditRequest, type SuppressArgs } from '../protocol/messages';
import type { ServerSettings } from '../protocol/settings';
import { RestartPolicy } from './restart-policy';

export type ServerState = 'starting' | 'ready' | 'scanning' | 'stopped';

export interface ScanOutcome {
  readonly files: number;
  readonly findings: number;
  readonly skipped: number;
  readonly cancelled: boolean;
}

/** The languages the server lints, in VS Code's ids: the client's document selector. */
export const SUPPORTED_LANGUAGES = Object.keys(EDITOR_LANGUAGE_IDS);

/**
 * The language client, loaded only when the first supported document opens (this module pulls in
 * vscode-languageclient). The server runs in its own Node process over IPC.
 */
export class RulesClient implements vscode.Disposable {
  private readonly client: LanguageClient;
  private readonly stateListeners: ((state: ServerState) => void)[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, settings: ServerSettings) {
    const module = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: SUPPORTED_LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.omni/{config,baseline}.json') },
      initializationOptions: settings,
      outputChannel: output,
      diagnosticCollectionName: 'omni',
      errorHandler: new RestartPolicy(output),
    };
    this.client = new LanguageClient('omni', 'Omni Rules', serverOptions, clientOptions);
    this.subscriptions.push(
      this.client.onDidChangeState(({ newState }) => this.emit(newState === State.Running ? 'ready' : newState === State.Starting ? 'starting' : 'stopped')),
      this.client.onNotification(StatusNotification.method, (raw: unknown) => {
        const parsed = StatusNotification.params.safeParse(raw);
        if (parsed.success) this.emit(parsed.data.state);
      }),
    );
  }

  onState(listener: (state: ServerState) => void): void {
    this.stateListeners.push(listener);
  }

  start(): Promise<void> {
    return this.client.start();
  }

  async restart(): Promise<void> {
    if (this.client.state === State.Running) await this.client.stop();
    await this.client.start();
  }

  sendSettings(settings: ServerSettings): void {
    if (this.client.state === State.Running) void this.client.sendNotification(SettingsNotification.method, settings);
  }

  async scan(onProgress: (done: number, total: number) => void, token: vscode.CancellationToken): Promise<ScanOutcome> {
    const listener = this.client.onNotification(ScanProgressNotification.method, (raw: unknown) => {
      const parsed = ScanProgressNotification.params.safeParse(raw);
      if (parsed.success) onProgress(parsed.data.done, parsed.data.total);
    });
    try {
      return ScanWorkspaceRequest.result.parse(await this.client.sendRequest(ScanWorkspaceRequest.method, {}, token));
    } finally {
      listener.dispose();
    }
  }

  async suppressionEdit(args: SuppressArgs, reason: string): Promise<vscode.WorkspaceEdit> {
    const { edits } = SuppressionEditRequest.result.parse(await this.client.sendRequest(SuppressionEditRequest.method, { ...args, reason }));
    const edit = new vscode.WorkspaceEdit();
    const uri = vscode.Uri.parse(args.uri);
    for (const { range, newText } of edits) {
      edit.replace(uri, new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character), newText);
    }
    return edit;
  }

  async dispose(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.dispose();
    if (this.client.needsStop()) await this.client.stop();
  }

  private emit(state: ServerState): void {
    for (const listener of this.stateListeners) listener(state);
  }
}
