import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  DiagnosticSeverity,
  DidChangeWorkspaceFoldersNotification,
  DidOpenTextDocumentNotification,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { ScanProgressNotification, ScanWorkspaceRequest } from '../../../src/protocol/messages';
import { project } from '../../support/cli';
import { LspSession } from './lsp-session';

const BARE = 'def run():\n    try:\n        work()\n    except:\n        log()\n';
const hasBare = (list: readonly Diagnostic[]): boolean => list.some((d) => d.code === 'py/bare-except');

describe('language server: config, scan and settings', () => {
  let session: LspSession;
  let root: string;

  beforeAll(async () => {
    root = await project({ 'pkg/closed.py': BARE, 'pkg/other.go': 'package pkg\n\nfunc Parse(text string) (map[string]string, error) {\n\tif text == "" {\n\t\tpanic("empty")\n\t}\n\treturn nil, nil\n}\n', 'pkg/clean.py': 'x = 1\n' });
    await mkdir(join(root, '.omni'));
    session = await LspSession.start(root);
  });
  afterAll(() => session.stop());

  it('turning a rule off in .omni/config.json removes its diagnostics; an invalid config shows one diagnostic at the key and the last good config stays', async () => {
    const uri = await session.open('live.py', 'python', BARE);
    await session.diagnostics(uri, hasBare);

    await writeFile(join(root, '.omni', 'config.json'), '{ "rules": { "py/bare-except": "off" } }\n');
    const off = session.nextDiagnostics(uri);
    await session.watchedFileChanged('.omni/config.json');
    expect(hasBare(await off)).toBe(false);

    const configUri = session.uri('.omni/config.json');
    await writeFile(join(root, '.omni', 'config.json'), '{\n  "rules": {\n    "py/bare-except": "off",\n    "py/bare-exept": "error"\n  }\n}\n');
    const problem = session.nextDiagnostics(configUri);
    await session.watchedFileChanged('.omni/config.json');
    const [diagnostic, ...rest] = await problem;
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ severity: DiagnosticSeverity.Error, source: 'omni', range: { start: { line: 3, character: 4 } } });
    expect(diagnostic?.message).toMatch(/rules\.py\/bare-exept: unknown key.*did you mean "py\/bare-except"/);

    // Linting goes on with the last good config: the rule stays off, another rule still reports.
    await session.edit(uri, { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: 'def g(items=[]):\n    return items\n' });
    const after = await session.diagnostics(uri, (list) => list.some((d) => d.code === 'py/mutable-default-arg'));
    expect(hasBare(after)).toBe(false);

    await writeFile(join(root, '.omni', 'config.json'), '{}\n');
    const cleared = session.nextDiagnostics(configUri);
    await session.watchedFileChanged('.omni/config.json');
    expect(await cleared).toEqual([]);
    expect(hasBare(await session.diagnostics(uri, hasBare))).toBe(true);
  });

  it('a config changed on disk without a watcher event applies to the next document opened', async () => {
    await writeFile(join(root, '.omni', 'config.json'), '{ "rules": { "py/bare-except": "hint" } }\n');
    const uri = await session.open('unwatched.py', 'python', BARE);
    const list = await session.diagnostics(uri, hasBare);
    expect(list.find((d) => d.code === 'py/bare-except')?.severity).toBe(DiagnosticSeverity.Hint);
    await writeFile(join(root, '.omni', 'config.json'), '{}\n');
    await session.watchedFileChanged('.omni/config.json');
    await session.close(uri);
  });

  it('a file the config excludes loses its diagnostics, and gets them back when the glob goes', async () => {
    const uri = await session.open('generated/out.py', 'python', BARE);
    await session.diagnostics(uri, hasBare);
    await writeFile(join(root, '.omni', 'config.json'), '{ "exclude": ["generated/"] }\n');
    const cleared = session.nextDiagnostics(uri, (list) => list.length === 0);
    await session.watchedFileChanged('.omni/config.json');
    expect(await cleared).toEqual([]);
    await writeFile(join(root, '.omni', 'config.json'), '{}\n');
    const back = session.nextDiagnostics(uri, hasBare);
    await session.watchedFileChanged('.omni/config.json');
    expect(hasBare(await back)).toBe(true);
    await session.close(uri);
  });

  it('Scan Workspace publishes findings for closed files and reports progress with file counts', async () => {
    const progress: { done: number; total: number }[] = [];
    session.connection.onNotification(ScanProgressNotification.method, (raw: unknown) => void progress.push(ScanProgressNotification.params.parse(raw)));
    const closed = session.diagnostics(session.uri('pkg/closed.py'), hasBare);
    const goFile = session.diagnostics(session.uri('pkg/other.go'), (list) => list.length > 0);
    const result = ScanWorkspaceRequest.result.parse(await session.connection.sendRequest(ScanWorkspaceRequest.method, {}));
    expect(result).toMatchObject({ files: 3, cancelled: false });
    expect(result.findings).toBeGreaterThanOrEqual(2);
    expect(hasBare(await closed)).toBe(true);
    expect((await goFile)[0]?.code).toBe('go/panic-in-library');
    expect(progress.at(0)).toEqual({ done: 0, total: 3 });
    expect(progress.at(-1)).toEqual({ done: 3, total: 3 });
    expect(session.statuses).toContain('scanning');
  });

  it('a cancelled Scan Workspace stops between folders and says so', async () => {
    const many = await project(Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`folder${index}/module.py`, BARE])));
    const other = await LspSession.start(many);
    try {
      const source = new CancellationTokenSource();
      const progress: number[] = [];
      other.connection.onNotification(ScanProgressNotification.method, (raw: unknown) => {
        progress.push(ScanProgressNotification.params.parse(raw).done);
        source.cancel();
      });
      const result = ScanWorkspaceRequest.result.parse(await other.connection.sendRequest(ScanWorkspaceRequest.method, {}, source.token));
      expect(result.cancelled).toBe(true);
      expect(result.files).toBeLessThan(20);
      expect(progress.at(-1)).toBe(result.files);
    } finally {
      await other.stop();
    }
  });

  it('with run on save, edits are checked when the document is saved', async () => {
    const { SettingsNotification } = await import('../../../src/protocol/messages');
    await session.connection.sendNotification(SettingsNotification.method, { run: 'onSave' });
    const uri = await session.open('saved.py', 'python', 'x = 1\n');
    expect(await session.diagnostics(uri)).toEqual([]);
    const next = session.nextDiagnostics(uri);
    await session.edit(uri, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: BARE });
    const { DidSaveTextDocumentNotification } = await import('vscode-languageserver-protocol/node');
    await session.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    expect(hasBare(await next)).toBe(true);
    await session.connection.sendNotification(SettingsNotification.method, { run: 'onType' });
  });
});

describe('language server: workspace folders', () => {
  it('a folder added to the workspace brings its config to the documents inside it', async () => {
    const first = await project({});
    const second = await project({ '.omni/config.json': '{ "rules": { "py/bare-except": "error" } }\n' });
    const session = await LspSession.start(first);
    try {
      const uri = pathToFileURL(join(second, 'module.py')).href;
      await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version: 1, text: BARE } });
      const before = await session.diagnostics(uri, hasBare);
      expect(before[0]?.severity).toBe(DiagnosticSeverity.Warning);
      const after = session.nextDiagnostics(uri, (list) => list[0]?.severity === DiagnosticSeverity.Error);
      await session.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: pathToFileURL(second).href, name: 'second' }], removed: [] } });
      expect((await after)[0]?.code).toBe('py/bare-except');
    } finally {
      await session.stop();
    }
  });
});
