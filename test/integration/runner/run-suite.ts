import { format, parseArgs } from 'node:util';
import { buildSuite } from './build';
import { HarnessTimeoutError, withTimeout } from './timeout';
import { paths, withSession, type Session } from './session';

const USAGE = 'usage: npm run test:integration -- [--grep <title part>] [--port <n>] [--timeout <seconds>] [--verbose]';

/** Workbench messages (first line, stack included) that say nothing about the suite; shown with --verbose. */
const NOISE =
  /^\[(ChatModelSelection|AgentHost[^\]]*|AccountPolicyGate|Service Worker|reconnection-grace-time)\]|^(Resolving|Resolved) connection token|^Creation of workbench contribution|^Creating a socket|^Updating additional builtin|^connect ECONNREFUSED 127\.0\.0\.1:9|^Timed out waiting for authentication provider/;

const log = (line: string): void => console.log(`[integration] ${line}`);

/**
 * Runs test/integration/suite inside the real VS Code extension host of code-server, with headless
 * Chromium as the workbench client, on a fresh copy of the fixture workspace; returns the exit code.
 */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { grep: { type: 'string' }, port: { type: 'string' }, timeout: { type: 'string', default: '300' }, verbose: { type: 'boolean' } },
  });
  const timeoutMs = Number(values.timeout) * 1000;
  const port = values.port === undefined ? undefined : Number(values.port);
  if (!(timeoutMs > 0) || (port !== undefined && !Number.isInteger(port))) throw new Error(USAGE);

  const root = process.cwd();
  const testsPath = await buildSuite(paths(root).suiteSource, paths(root).suiteOut);
  const env: Record<string, string> = values.grep === undefined ? {} : { OMNI_TEST_GREP: values.grep };
  return withSession(root, { smokeTestDriver: true, port, env, log }, (session) =>
    runSuite(session, testsPath, timeoutMs, values.verbose === true),
  );
}

/**
 * Opens the workbench with the smoke-test driver's payload: the server's extension host loads the
 * extension under development and calls the suite's `run()`. The workbench reports the suite's
 * console through `codeAutomationLog` and its result through `codeAutomationExit`.
 */
async function runSuite({ page, server, run, extension }: Session, testsPath: string, timeoutMs: number, verbose: boolean): Promise<number> {
  let exited: (code: number) => void = () => undefined;
  const exit = new Promise<number>((resolve) => (exited = resolve));
  await page.exposeFunction('codeAutomationExit', (code: unknown) => exited(typeof code === 'number' ? code : 1));
  await page.exposeFunction('codeAutomationLog', (_type: unknown, args: unknown) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    if (verbose || !NOISE.test(text)) console.log(text);
  });
  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(extension)],
    ['extensionTestsPath', server.remoteUri(testsPath)],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(run.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await withTimeout('loading the workbench', 60_000, page.goto(url));
  try {
    return await withTimeout('the integration suite', timeoutMs, exit);
  } catch (error) {
    if (!(error instanceof HarnessTimeoutError)) throw error;
    log(`${error.message}: see the "still running" lines above for the test that never finished`);
    return 1;
  }
}
