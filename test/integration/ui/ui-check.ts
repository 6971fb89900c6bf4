import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { paths, withSession } from '../runner/session';
import { withTimeout } from '../runner/timeout';
import { STEP_MS, openFile, pick, problem, quickFixFromLightbulb, runCommand, showProblems, waitForWorkbench } from './workbench';

const log = (line: string): void => console.log(`[ui-check] ${line}`);

/** Screenshots the README shows; `--update-screenshots` copies them to media/screenshots/. */
const README_SHOTS = ['editor-and-problems.png', 'quick-fix.png', 'rule-documentation.png'];

/**
 * Drives the real workbench in headless Chromium the way a user would (code-server started without
 * the smoke-test driver, which would hide notification toasts) and saves screenshots.
 */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'update-screenshots': { type: 'boolean' }, port: { type: 'string' } } });
  const root = process.cwd();
  const shots = paths(root).screenshots;
  await rm(shots, { recursive: true, force: true });
  await mkdir(shots, { recursive: true });
  const port = values.port === undefined ? undefined : Number(values.port);

  const exitCode = await withSession(root, { smokeTestDriver: false, installExtension: true, port, log }, async ({ page, server, run }) => {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(run.workspace)}`);
    try {
      await withTimeout('the UI check', 300_000, check(page, shots));
      return 0;
    } catch (error) {
      log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  });
  if (exitCode === 0 && values['update-screenshots'] === true) {
    const target = join(root, 'media', 'screenshots');
    await mkdir(target, { recursive: true });
    for (const name of README_SHOTS) await copyFile(join(shots, name), join(target, name));
    log(`copied ${README_SHOTS.join(', ')} to ${target}`);
  }
  return exitCode;
}

async function check(page: Page, shots: string): Promise<void> {
  await waitForWorkbench(page);
  log('workbench up');
  await openFile(page, 'python/orders.py', 'def load_orders');
  log('python/orders.py open in an editor');
  await showProblems(page);
  await problem(page, 'py/bare-except').waitFor({ timeout: STEP_MS });
  log('Problems panel lists the file\'s findings');
  await page.screenshot({ path: join(shots, 'editor-and-problems.png') });

  const fix = await quickFixFromLightbulb(page, 'py/bare-except', 'Catch `Exception` instead');
  await page.screenshot({ path: join(shots, 'quick-fix.png') });
  await fix.click();
  await page.locator('.editor-instance .view-line', { hasText: 'except Exception:' }).first().waitFor({ timeout: STEP_MS });
  await problem(page, 'py/bare-except').waitFor({ state: 'detached', timeout: STEP_MS });
  log('quick fix from the lightbulb applied; the finding is gone');
  await page.screenshot({ path: join(shots, 'after-quick-fix.png') });

  await runCommand(page, 'Omni: Show Rule Documentation');
  await pick(page, 'py/bare-except', 'py/bare-except');
  await page.frameLocator('iframe.webview.ready').frameLocator('iframe').locator('h1', { hasText: 'py/bare-except' }).waitFor({ timeout: STEP_MS });
  log('rule documentation shown in the Markdown preview');
  await page.screenshot({ path: join(shots, 'rule-documentation.png') });
  log(`screenshots in ${shots}`);
}
