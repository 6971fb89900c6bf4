// `node dist/editor-memory.js [folder]`: the language server's memory with 50 open files. Starts the
// built server (dist/server.js) over IPC like the extension does, opens the 50 largest supported
// files of 8-200 KB under the folder (default: the bench corpus, .cache/bench-corpus/files), spread
// over the languages, waits for each file's diagnostics, then prints the server's resident memory.
// Then times edits in the largest Python file from didChange to its diagnostics arriving (IPC
// included). It prints; it never asserts. Bar (issue 3): <= 200 MB with 50 open files.
import { fork } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  DidChangeTextDocumentNotification,
  ShutdownRequest,
  ExitNotification,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { languageForPath, type LanguageId } from '../src/core/rules/languages';

const EDITOR_ID: Record<LanguageId, string> = { python: 'python', typescript: 'typescript', tsx: 'typescriptreact', javascript: 'javascript', go: 'go', rust: 'rust' };
const OPEN = 50;

function supportedFiles(folder: string): { path: string; size: number; language: LanguageId }[] {
  const found: { path: string; size: number; language: LanguageId }[] = [];
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else {
        const language = languageForPath(path);
        const size = statSync(path).size;
        if (language && size >= 8_000 && size <= 200_000) found.push({ path, size, language });
      }
    }
  };
  visit(folder);
  return found;
}

/** The largest files, taken in turn from each language so every grammar is loaded. */
function pick(files: { path: string; size: number; language: LanguageId }[]): typeof files {
  const byLanguage = new Map<LanguageId, typeof files>();
  for (const file of [...files].sort((a, b) => b.size - a.size)) byLanguage.set(file.language, [...(byLanguage.get(file.language) ?? []), file]);
  const picked: typeof files = [];
  while (picked.length < OPEN && [...byLanguage.values()].some((list) => list.length > 0)) {
    for (const list of byLanguage.values()) {
      const next = list.shift();
      if (next && picked.length < OPEN) picked.push(next);
    }
  }
  return picked;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function main(): Promise<void> {
  const folder = resolve(process.argv[2] ?? '.cache/bench-corpus/files');
  const files = pick(supportedFiles(folder));
  const child = fork(join(__dirname, 'server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const pending = new Map<string, (version: number | undefined) => void>();
  connection.onNotification(PublishDiagnosticsNotification.method, (params: PublishDiagnosticsParams) => pending.get(params.uri)?.(params.version));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(folder).href, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'corpus' }], capabilities: {} });
  await connection.sendNotification(InitializedNotification.type, {});
  const pid = child.pid ?? 0;
  const idle = rssMb(pid);
  let bytes = 0;
  const openTimes: number[] = [];
  for (const file of files) {
    const uri = pathToFileURL(file.path).href;
    const text = readFileSync(file.path, 'utf8');
    bytes += file.size;
    const published = new Promise<void>((done) => pending.set(uri, () => done()));
    const started = performance.now();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: EDITOR_ID[file.language], version: 1, text } });
    await published;
    openTimes.push(performance.now() - started);
  }
  const open = rssMb(pid);
  const counts = new Map<LanguageId, number>();
  for (const file of files) counts.set(file.language, (counts.get(file.language) ?? 0) + 1);
  openTimes.sort((a, b) => a - b);
  console.log(`files: ${files.length} open (${[...counts].map(([language, count]) => `${language} ${count}`).join(', ')}), ${(bytes / 1024 / 1024).toFixed(1)} MB of source, from ${folder}`);
  console.log(`server RSS: ${idle.toFixed(0)} MB after start, ${open.toFixed(0)} MB with ${files.length} files open (bar: <= 200 MB) ${open <= 200 ? 'PASS' : 'MISS'}`);
  console.log(`open -> diagnostics (round trip, first file includes grammar load + warm-up): median ${openTimes[Math.floor(openTimes.length / 2)]?.toFixed(1)} ms, max ${openTimes.at(-1)?.toFixed(1)} ms`);
  const edits = await editRoundTrips(connection, pending, files);
  if (edits) console.log(`edit -> diagnostics (round trip, ${edits.count} one-space edits at line ends in ${edits.file}): median ${edits.median.toFixed(2)} ms, p95 ${edits.p95.toFixed(2)} ms`);
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  connection.dispose();
}

/** Types a space at the end of every 40th line of the largest Python file (syntax stays as it was), one edit at a time. */
async function editRoundTrips(
  connection: ReturnType<typeof createProtocolConnection>,
  pending: Map<string, (version: number | undefined) => void>,
  files: readonly { path: string; size: number; language: LanguageId }[],
): Promise<{ file: string; count: number; median: number; p95: number } | undefined> {
  const target = files.filter((file) => file.language === 'python').sort((a, b) => b.size - a.size)[0];
  if (!target) return undefined;
  const uri = pathToFileURL(target.path).href;
  const lines = readFileSync(target.path, 'utf8').split('\n');
  const times: number[] = [];
  let version = 1;
  for (let line = 0; line < lines.length; line += 40) {
    const end = (lines[line] ?? '').replace(/\r$/, '').length;
    version++;
    const expected = version;
    const published = new Promise<void>((done) => pending.set(uri, (got) => got === expected && done()));
    const started = performance.now();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: end }, end: { line, character: end } }, text: ' ' }],
    });
    await published;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { file: target.path, count: times.length, median: times[Math.floor(times.length / 2)] ?? 0, p95: times[Math.floor(times.length * 0.95)] ?? 0 };
}

void main();
