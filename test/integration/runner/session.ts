import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { buildExtension } from './build';
import { startCodeServer, type CodeServer } from './code-server';
import { ensureToolchain } from './install';
import { createRunDir, type RunDir } from './run-dir';

/** Where the project keeps what the harness installs and builds (git-ignored). */
export const paths = (root: string) => ({
  toolchain: join(root, '.cache', 'vscode-harness'),
  extension: join(root, '.cache', 'integration', 'extension'),
  suiteOut: join(root, '.cache', 'integration', 'suite'),
  screenshots: join(root, '.cache', 'integration', 'screenshots'),
  suiteSource: join(root, 'test', 'integration', 'suite'),
  fixtureWorkspace: join(root, 'test', 'fixtures', 'workspace'),
});

export interface Session {
  readonly page: Page;
  readonly server: CodeServer;
  readonly run: RunDir;
  /** The built extension under test: package.json + dist/. */
  readonly extension: string;
}

export interface SessionOptions {
  readonly smokeTestDriver: boolean;
  /**
   * Installs the built extension into the run's extensions folder, as a user would have it. Without
   * the smoke-test driver the workbench ignores `?payload=`, so extensionDevelopmentPath is not an option.
   */
  readonly installExtension?: boolean;
  readonly port?: number | undefined;
  readonly env?: Record<string, string>;
  readonly log: (line: string) => void;
}

/**
 * Everything a workbench check needs, torn down afterwards whatever happens: the toolchain
 * (installed once), the extension built from this checkout, a fresh run folder with a copy of the
 * fixture workspace, a code-server of its own and a headless Chromium page. `check` returns the
 * exit code; a failed run keeps its folder and a screenshot for inspection.
 */
export async function withSession(root: string, options: SessionOptions, check: (session: Session) => Promise<number>): Promise<number> {
  const where = paths(root);
  let started = performance.now();
  const toolchain = await ensureToolchain(where.toolchain, options.log);
  options.log(`toolchain ready (${elapsed(started)})`);
  started = performance.now();
  await buildExtension(root, where.extension);
  options.log(`extension built (${elapsed(started)})`);

  started = performance.now();
  const run = await createRunDir(where.fixtureWorkspace);
  let exitCode = 1;
  try {
    if (options.installExtension === true) await installInto(where.extension, run.extensions);
    const server = await startCodeServer(toolchain, run, options);
    try {
      const browser = await launchBrowser(run);
      try {
        const page = await browser.newPage();
        exitCode = await check({ page, server, run, extension: where.extension });
        if (exitCode !== 0) await page.screenshot({ path: join(run.root, 'failure.png') }).catch(() => undefined);
      } finally {
        await browser.close();
      }
    } finally {
      await server.stop();
    }
  } finally {
    options.log(`${exitCode === 0 ? 'passed' : 'FAILED'} (${elapsed(started)})`);
    if (exitCode === 0) await run.remove();
    else options.log(`run folder kept for inspection: ${run.root} (code-server.log, user-data/logs, failure.png)`);
  }
  return exitCode;
}

/** Extensions live in `<publisher>.<name>-<version>` folders; the server scans them when a window connects. */
async function installInto(extension: string, extensionsDir: string): Promise<void> {
  const manifest = ExtensionManifest.parse(JSON.parse(await readFile(join(extension, 'package.json'), 'utf8')));
  await cp(extension, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
}

const ExtensionManifest = z.object({ publisher: z.string(), name: z.string(), version: z.string() });

export function elapsed(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
