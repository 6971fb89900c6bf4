import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { RulesEngine } from '../core/rules/engine';
import { IncrementalLinter } from '../core/rules/incremental/incremental-linter';
import { BUILTIN_RULES } from '../core/rules/registry';
import { bundledWasm } from '../node/wasm-files';
import { Commands, SettingsNotification, StatusNotification } from '../protocol/messages';
import { DEFAULT_SERVER_SETTINGS, ServerSettingsSchema, type ServerSettings } from '../protocol/settings';
import { registerCodeActions, FIX_ALL_KIND } from './code-actions';
import { problemDiagnostic } from './diagnostics';
import { registerHover } from './hover';
import { LiveDocuments } from './live-documents';
import type { Project } from './projects';
import { registerScan } from './scan';
import { Workspace } from './workspace';

// The language server: its own Node process, started by the extension over IPC.
const connection = createConnection(ProposedFeatures.all);
const workspace = new Workspace();
let settings: ServerSettings = DEFAULT_SERVER_SETTINGS;
let documents: LiveDocuments | undefined;
let foldersChange = false;

const log = (message: string): void => connection.console.log(message);

// A failure in one handler must not take the server (and every open file's diagnostics) down.
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

function readSettings(raw: unknown, origin: string): ServerSettings {
  const parsed = ServerSettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  connection.console.error(`ignoring invalid settings from ${origin}: ${parsed.error.message}`);
  return DEFAULT_SERVER_SETTINGS;
}

function publishProblems(project: Project): void {
  void connection.sendDiagnostics({ uri: pathToFileURL(project.configFile).href, diagnostics: project.configProblem ? [problemDiagnostic(project.configProblem)] : [] });
  void connection.sendDiagnostics({ uri: pathToFileURL(project.baselineFile).href, diagnostics: project.baselineProblem ? [problemDiagnostic(project.baselineProblem)] : [] });
}

connection.onInitialize(async (params): Promise<InitializeResult> => {
  settings = readSettings(params.initializationOptions, 'initializationOptions');
  foldersChange = params.capabilities.workspace?.workspaceFolders === true;
  workspace.setOverrides(settings.rules);
  const roots = (params.workspaceFolders ?? []).filter((folder) => folder.uri.startsWith('file:')).map((folder) => fileURLToPath(folder.uri));
  const [engine] = await Promise.all([RulesEngine.create(bundledWasm(), BUILTIN_RULES), workspace.open(roots)]);
  const live = new LiveDocuments({
    linter: new IncrementalLinter(engine),
    engine,
    settings: () => settings,
    projectFor: (path) => workspace.projectFor(path),
    refresh: async (project) => {
      if (!(await project.refresh())) return;
      publishProblems(project);
      documents?.relintAll((document) => document.project === project);
    },
    looseSettings: () => workspace.looseSettings(),
    publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    log,
  });
  documents = live;
  connection.onDidOpenTextDocument(({ textDocument }) => live.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text));
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => live.change(textDocument.uri, textDocument.version, contentChanges));
  connection.onDidSaveTextDocument(({ textDocument }) => live.saved(textDocument.uri));
  connection.onDidCloseTextDocument(({ textDocument }) => live.close(textDocument.uri));
  registerCodeActions(connection, { engine, documents: live, workspace });
  registerHover(connection, { engine, documents: live });
  registerScan(connection, { engine, documents: live, workspace, log });
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      executeCommandProvider: { commands: [Commands.addToBaseline] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'omni' },
  };
});

connection.onInitialized(() => {
  for (const project of workspace.all()) publishProblems(project);
  if (foldersChange) {
    connection.workspace.onDidChangeWorkspaceFolders(async ({ added, removed }) => {
      const roots = (folders: readonly { uri: string }[]): string[] => folders.filter((folder) => folder.uri.startsWith('file:')).map((folder) => fileURLToPath(folder.uri));
      for (const project of workspace.all().filter((candidate) => roots(removed).includes(candidate.root))) {
        void connection.sendDiagnostics({ uri: pathToFileURL(project.configFile).href, diagnostics: [] });
        void connection.sendDiagnostics({ uri: pathToFileURL(project.baselineFile).href, diagnostics: [] });
      }
      for (const project of await workspace.changeFolders(roots(added), roots(removed))) publishProblems(project);
      documents?.rebind();
    });
  }
  void connection.sendNotification(StatusNotification.method, StatusNotification.params.parse({ state: 'ready' }));
});

connection.onNotification(SettingsNotification.method, (raw: unknown) => {
  const next = readSettings(raw, SettingsNotification.method);
  // Any `omni.*` change is sent (models, tracing); an unchanged rule set keeps its settings objects,
  // which the engine's caches and the linter's region lints are keyed by.
  if (JSON.stringify(next) === JSON.stringify(settings)) return;
  settings = next;
  workspace.setOverrides(settings.rules);
  documents?.relintAll();
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  const touched = new Set<Project>();
  for (const change of changes) {
    if (!change.uri.startsWith('file:')) continue;
    const project = await workspace.fileChanged(fileURLToPath(change.uri));
    if (project) touched.add(project);
  }
  for (const project of touched) {
    publishProblems(project);
    documents?.relintAll((document) => document.project === project);
  }
});

connection.onShutdown(() => documents?.dispose());

connection.listen();
