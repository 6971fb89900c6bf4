import type { Locator, Page } from 'playwright-core';

// Drives code-server's workbench the way a user does: keyboard shortcuts, Quick Open, the command
// palette. Selectors are VS Code's own DOM classes (stable across releases in practice, but not an
// API: a failure here after a code-server upgrade usually means a renamed class).

/** How long one UI step may take before the check fails (a harness bound, not a test assertion). */
export const STEP_MS = 30_000;

/** Waits until the workbench is up and the Explorer shows the workspace. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/** Opens a workspace file through Quick Open and waits until its editor shows `expectedText`. */
export async function openFile(page: Page, relativePath: string, expectedText: string): Promise<Locator> {
  await page.keyboard.press('Control+P');
  await pick(page, relativePath, relativePath.split('/').pop() ?? relativePath);
  const editor = page.locator('.editor-instance', { has: page.locator('.view-line', { hasText: expectedText }) });
  await editor.waitFor({ state: 'visible', timeout: STEP_MS });
  return editor;
}

/** Runs a command from the palette by its full title ("Category: Title"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await pick(page, `>${title}`, title);
}

/** Types into the open quick input and accepts the entry that shows `label`. */
export async function pick(page: Page, text: string, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(text);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
}

/** Opens the Problems panel and returns it. */
export async function showProblems(page: Page): Promise<Locator> {
  await runCommand(page, 'View: Focus Problems');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: STEP_MS });
  return panel;
}

/** The Problems panel row whose text (message, source, rule id) contains `text`. */
export function problem(page: Page, text: string): Locator {
  return page.locator('.markers-panel .monaco-list-row', { hasText: text });
}

/**
 * Goes to a problem from the Problems panel, clicks the lightbulb the editor shows there, and
 * returns the entry `title` in the code action menu, visible but not yet chosen.
 */
export async function quickFixFromLightbulb(page: Page, problemText: string, title: string): Promise<Locator> {
  // A double click focuses the editor at the finding; the lightbulb shows only in a focused editor.
  await problem(page, problemText).dblclick();
  const lightbulb = page.locator('.editor-instance .lightBulbWidget');
  await lightbulb.waitFor({ state: 'visible', timeout: STEP_MS });
  await lightbulb.click();
  const entry = page.locator('.action-widget .monaco-list-row', { hasText: title });
  await entry.waitFor({ state: 'visible', timeout: STEP_MS });
  return entry;
}
