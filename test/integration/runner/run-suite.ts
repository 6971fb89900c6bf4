import { join } from 'node:path';
import { parseArgs, format } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { buildExtension, buildSuite } from './build';
import { startCodeServer, type CodeServer } from './code-server';
import { ensureToolchain } from './install';
import { createRunDir } from './run-dir';
import { HarnessTimeoutError, withTimeout } from './timeout';

const USAGE = 'usage: npm run test:integration -- [--grep <title part>] [--port <n>] [--timeout <seconds>] [--verbose]';

/** Workbench chatter that says nothing about the suite; shown with --verbose. */
const NOISE =
  /^\[(ChatModelSelection|AgentHost[^\]]*|AccountPolicyGate|Service Worker|reconnection-grace-time)\]|^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin|^connect ECONNREFUSED 127\.0\.0\.1:9|^\s+at /;

const log = (line: string): void => console.log(`[integration] ${line}`);

/**
 * Runs test/integration/suite inside the real VS Code extension host of code-server, with headless
 * Chromium as the workbench client, on a fresh copy of the fixture workspace; returns the exit code.
 */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { grep: { type: 'string' }, port: { type: 'string' }, timeout: { type: 'string', default: '600' }, verbose: { type: 'boolean' } },
  });
  const timeoutMs = Number(values.timeout) * 1000;
  const port = values.port === undefined ? undefined : Number(values.port);
  if (!(timeoutMs > 0) || (port !== undefined && !Number.isInteger(port))) throw new Error(USAGE);

  const root = process.cwd();
  let started = performance.now();
  const toolchain = await ensureToolchain(join(root, '.cache', 'vscode-harness'), log);
  log(`toolchain ready (${elapsed(started)})`);
  started = performance.now();
  const extension = join(root, '.cache', 'integration', 'extension');
  await buildExtension(root, extension);
  const testsPath = await buildSuite(join(root, 'test', 'integration', 'suite'), join(root, '.cache', 'integration', 'suite'));
  log(`extension and suite built (${elapsed(started)})`);

  started = performance.now();
  const run = await createRunDir(join(root, 'test', 'fixtures', 'workspace'));
  const server = await startCodeServer(toolchain, run, {
    smokeTestDriver: true,
    port,
    env: values.grep === undefined ? {} : { OMNI_TEST_GREP: values.grep },
  });
  let exitCode = 1;
  try {
    const browser = await launchBrowser(run);
    try {
      const page = await browser.newPage();
      exitCode = await runSuite(page, server, { workspace: run.workspace, extension, testsPath, timeoutMs, verbose: values.verbose === true });
      if (exitCode !== 0) await page.screenshot({ path: join(run.root, 'failure.png') }).catch(() => undefined);
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
  log(`suite ${exitCode === 0 ? 'passed' : 'FAILED'} (${elapsed(started)})`);
  if (exitCode === 0) await run.remove();
  else log(`run folder kept for inspection: ${run.root} (code-server.log, user-data/logs, failure.png)`);
  return exitCode;
}

interface SuiteRun {
  readonly workspace: string;
  readonly extension: string;
  readonly testsPath: string;
  readonly timeoutMs: number;
  readonly verbose: boolean;
}

/**
 * Opens the workbench with the smoke-test driver's payload: the server's extension host loads the
 * extension under development and calls the suite's `run()`. The workbench reports the suite's
 * console through `codeAutomationLog` and its result through `codeAutomationExit`.
 */
async function runSuite(page: Page, server: CodeServer, suite: SuiteRun): Promise<number> {
  let exited: (code: number) => void = () => undefined;
  const exit = new Promise<number>((resolve) => (exited = resolve));
  await page.exposeFunction('codeAutomationExit', (code: unknown) => exited(typeof code === 'number' ? code : 1));
  await page.exposeFunction('codeAutomationLog', (_type: unknown, args: unknown) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split('\n')) if (suite.verbose || !NOISE.test(line)) console.log(line);
  });
  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(suite.extension)],
    ['extensionTestsPath', server.remoteUri(suite.testsPath)],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(suite.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await withTimeout('loading the workbench', 60_000, page.goto(url));
  try {
    return await withTimeout('the integration suite', suite.timeoutMs, exit);
  } catch (error) {
    if (!(error instanceof HarnessTimeoutError)) throw error;
    log(`${error.message}: the test after the last one reported above never finished (a wait whose event never came?)`);
    return 1;
  }
}

function elapsed(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
