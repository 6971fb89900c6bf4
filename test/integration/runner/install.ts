import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { writeFileAtomic } from '../../../src/node/atomic-write';
import { withInstallLock } from './install-lock';
import { capture, cleanEnv, runLogged } from './process';

/** code-server 4.139.1 bundles VS Code OSS 1.139.1 and runs only on Node 24. */
const WANTED = { node: '24', codeServer: '4.139.1' } as const;

/** What the runner starts: Node 24 and code-server's entry script, both inside the cache folder. */
export interface Toolchain {
  readonly node: string;
  readonly codeServer: string;
}

/** Debian packages the install and the browser need; CI installs them (.ci/run) before `npm ci`. */
const SYSTEM_FILES = [
  { path: '/usr/bin/chromium', from: 'chromium' },
  { path: '/usr/include/gssapi/gssapi.h', from: 'libkrb5-dev' },
];

/** A required system file is missing: names the Debian package to install. */
export class MissingSystemPackageError extends Error {
  constructor(readonly path: string, readonly packageName: string) {
    super(`${path} is missing: install the Debian package '${packageName}' (apt-get install -y --no-install-recommends ${packageName})`);
    this.name = 'MissingSystemPackageError';
  }
}

/**
 * Installs Node 24 and code-server into `cacheDir` unless its marker says they are already there,
 * so every run after the first starts at once. Node 24 gets its own folder: installed beside
 * code-server, the `node` package's install step re-ran and broke code-server's native builds.
 */
export async function ensureToolchain(cacheDir: string, log: (line: string) => void): Promise<Toolchain> {
  const toolchain: Toolchain = {
    node: join(cacheDir, 'node24', 'node_modules', '.bin', 'node'),
    codeServer: join(cacheDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
  for (const file of SYSTEM_FILES) if (!existsSync(file.path)) throw new MissingSystemPackageError(file.path, file.from);
  const marker = join(cacheDir, 'installed.json');
  const ready = async (): Promise<boolean> => {
    const installed = await readMarker(marker);
    return installed?.node === WANTED.node && installed.codeServer === WANTED.codeServer && existsSync(toolchain.node) && existsSync(toolchain.codeServer);
  };
  if (await ready()) return toolchain;
  // Another run may have finished the install while this one waited for the lock.
  await withInstallLock(cacheDir, log, async () => {
    if (!(await ready())) await install(cacheDir, toolchain, marker, log);
  });
  return toolchain;
}

async function install(cacheDir: string, toolchain: Toolchain, marker: string, log: (line: string) => void): Promise<void> {
  log(`installing Node ${WANTED.node} and code-server ${WANTED.codeServer} into ${cacheDir} (a few minutes, once)`);
  await rm(marker, { force: true });
  const logs = join(cacheDir, 'logs');
  await mkdir(logs, { recursive: true });
  await npmInstall(join(cacheDir, 'node24'), `node@${WANTED.node}`, join(logs, 'node24.log'), cleanEnv());
  const nodeVersion = await capture(toolchain.node, ['--version']);
  log(`Node ${nodeVersion} installed`);

  // npm's shebang is `env node`, so Node 24 first in PATH runs npm and code-server's postinstall (which
  // refuses any other Node) under Node 24; nodedir makes node-gyp build the native modules against its
  // headers, which it cannot download here.
  const headers = join(cacheDir, 'node24', 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
  const env = cleanEnv({ PATH: `${dirname(toolchain.node)}${delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: headers });
  await npmInstall(join(cacheDir, 'code-server'), `code-server@${WANTED.codeServer}`, join(logs, 'code-server.log'), env);
  log(`code-server ${WANTED.codeServer} installed`);

  await writeFileAtomic(marker, JSON.stringify({ ...WANTED, nodeVersion }, null, 2) + '\n');
}

/** The versions a finished install recorded; anything unreadable means "not installed". */
async function readMarker(marker: string): Promise<Partial<Record<keyof typeof WANTED, unknown>> | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(marker, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `npm install` into a folder of its own; the package.json stops npm from walking up to this project. */
async function npmInstall(folder: string, spec: string, logFile: string, env: NodeJS.ProcessEnv): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'package.json'), JSON.stringify({ name: 'omni-vscode-harness', private: true }) + '\n');
  await runLogged('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', spec], logFile, { cwd: folder, env });
}
