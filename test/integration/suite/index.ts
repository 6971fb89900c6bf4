import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { runRegistered } from './tdd';

/** Runs first: it checks that nothing activated the extension before a supported file opened. */
const FIRST = 'smoke.test.js';

/**
 * The entry VS Code calls with `extensionTestsPath` (the contract `@vscode/test-electron` uses too):
 * loads every compiled `*.test.js` beside this file, runs them, and rejects if any failed. Set
 * OMNI_TEST_GREP to run only the tests whose "suite test" title contains it.
 */
export async function run(): Promise<void> {
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort((a, b) => Number(b === FIRST) - Number(a === FIRST) || a.localeCompare(b));
  for (const file of files) require(join(__dirname, file));
  const grep = process.env.OMNI_TEST_GREP || undefined;
  console.log(`${vscode.env.appName} ${vscode.version}, extension host on Node ${process.version}`);
  const { passed, failed } = await runRegistered(grep, (line) => console.log(line));
  console.log(`${passed} passing, ${failed} failing`);
  if (failed > 0) throw new Error(`${failed} of ${passed + failed} tests failed`);
  if (passed === 0) throw new Error(grep === undefined ? 'no tests found' : `no test title contains "${grep}"`);
}
