import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import type { Toolchain } from './install';
import type { RunDir } from './run-dir';
import { withTimeout } from './timeout';

/** A running code-server that owns its process group. */
export interface CodeServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `vscode-remote://127.0.0.1:<port><path>`: how the workbench names a file on this server. */
  remoteUri(path: string): string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /**
   * Needed for `?payload=` (extensionTestsPath) to be honoured in a built product; it also hides
   * notification toasts, so UI checks start the server without it.
   */
  readonly smokeTestDriver: boolean;
  /** A fixed port, refused if something already listens there; otherwise a free one is picked. */
  readonly port?: number | undefined;
  /** Extra environment for the server and its extension host. */
  readonly env?: Record<string, string>;
}

/** The port was asked for explicitly and something already listens on it. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is already in use: refusing to talk to a server this run did not start`);
    this.name = 'PortInUseError';
  }
}

/** The marketplace is pointed at a port nothing listens on, so its queries fail at once and offline. */
const DEAD_GALLERY = JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' });

export async function startCodeServer(toolchain: Toolchain, run: RunDir, options: CodeServerOptions): Promise<CodeServer> {
  const port = options.port ?? (await freePort());
  await assertPortFree(port);
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(run.root, 'code-server.log');
  const args = [
    toolchain.codeServer,
    '--auth=none',
    `--bind-addr=127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    `--user-data-dir=${run.userData}`,
    `--extensions-dir=${run.extensions}`,
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  // `detached` is setsid(2): the server leads a process group of its own, and killing that group
  // stops the extension host, file watcher, pty host and language servers with it (killing only
  // the parent left them running).
  const child = spawn(toolchain.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...run.env,
      PATH: `${dirname(toolchain.node)}${delimiter}${process.env.PATH ?? ''}`,
      EXTENSIONS_GALLERY: DEAD_GALLERY,
      ...options.env,
    },
  });
  const group = child.pid;
  if (group === undefined) throw new Error(`could not start code-server (${toolchain.codeServer})`);
  const killOnExit = (): void => {
    signalGroup(group, 'SIGKILL');
  };
  process.once('exit', killOnExit);

  const log = createWriteStream(logFile);
  const listening = new Promise<void>((resolve, reject) => {
    const ready = `HTTP server listening on ${url}/`;
    let seen = '';
    const watch = (chunk: Buffer): void => {
      log.write(chunk);
      seen = (seen + chunk.toString()).slice(-4096);
      if (seen.includes(ready)) resolve();
      if (seen.includes('EADDRINUSE')) reject(new PortInUseError(port));
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.once('exit', (code) => reject(new Error(`code-server exited (code ${code ?? 'signal'}) before listening; see ${logFile}`)));
  });

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await stopGroup(group);
    log.end();
  };
  try {
    await withTimeout(`code-server start (log: ${logFile})`, 60_000, listening);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, logFile, stop, remoteUri: (path) => `vscode-remote://127.0.0.1:${port}${path}` };
}

function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false;
  }
}

/** TERM the whole group, then KILL whatever is still there after ten seconds. */
async function stopGroup(group: number): Promise<void> {
  if (!signalGroup(group, 'SIGTERM')) return;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (!signalGroup(group, 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signalGroup(group, 'SIGKILL');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('could not pick a free port');
  return address.port;
}

/** Binding is the test that cannot be fooled: a stale server on the port makes it fail. */
async function assertPortFree(port: number): Promise<void> {
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  } catch {
    throw new PortInUseError(port);
  }
  await new Promise((resolve) => server.close(resolve));
}
