import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FrameLocator, Page } from 'playwright-core';
import { paths, withSession } from '../runner/session';
import { withTimeout } from '../runner/timeout';
import { STEP_MS, waitForWorkbench } from './workbench';

const log = (line: string): void => console.log(`[specs-panel-check] ${line}`);

/** Two specs with a current, passing review: one whose threats are all mitigated, one with open high and critical threats. */
const FIXTURE_SPECS = join('test', 'fixtures', 'workspace-specs');
const PASSING = { slug: 'rate-limit-search', title: 'Rate-limit the public search API' };
const BLOCKED = { slug: 'export-audit-log', title: 'Export the audit log as CSV' };

/**
 * The Specs side panel in code-server's real workbench, driven in headless Chromium: open Omni's
 * activity bar view, approve the spec whose gates pass (its frontmatter on disk changes), try the
 * one with a blocking threat (the refusal's reason shows in the panel, the file stays as it was),
 * then request changes on it (status and comments.json on disk, the row updated from the pushed list).
 */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' } } });
  const root = process.cwd();
  const shots = paths(root).screenshots;
  await mkdir(shots, { recursive: true });
  const port = values.port === undefined ? undefined : Number(values.port);

  return withSession(root, { smokeTestDriver: false, installExtension: true, port, log }, async ({ page, server, run }) => {
    await cp(join(root, FIXTURE_SPECS), run.workspace, { recursive: true });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(run.workspace)}`);
    try {
      await withTimeout('the Specs panel check', 300_000, check(page, run.workspace, shots));
      return 0;
    } catch (error) {
      log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  });
}

async function check(page: Page, workspace: string, shots: string): Promise<void> {
  await waitForWorkbench(page);
  log('workbench up');
  const panel = await openSpecsView(page);
  const passingRow = row(panel, PASSING.title);
  const blockedRow = row(panel, BLOCKED.title);
  await passingRow.waitFor({ timeout: STEP_MS });
  await blockedRow.waitFor({ timeout: STEP_MS });
  log('the Specs view lists both fixture specs');

  const specFile = (slug: string): string => join(workspace, '.omni', 'specs', slug, 'spec.md');
  const blockedBefore = await readFile(specFile(BLOCKED.slug), 'utf8');
  await passingRow.getByRole('button', { name: `Approve: ${PASSING.title}` }).click();
  await passingRow.getByRole('status').filter({ hasText: 'Approved by' }).waitFor({ timeout: STEP_MS });
  // approveSpec writes the file before the panel gets its answer.
  const approved = await readFile(specFile(PASSING.slug), 'utf8');
  if (!/^status: approved$/m.test(approved) || !/^approval:\n {2}by: .+\n {2}at: .+\n {2}spec_sha256: [0-9a-f]{64}$/m.test(approved)) {
    throw new Error(`${specFile(PASSING.slug)} was not approved on disk:\n${approved.split('---')[1] ?? approved}`);
  }
  // The list the host pushes after the write shows the new state.
  await passingRow.locator('.phase-badge', { hasText: 'Approved' }).waitFor({ timeout: STEP_MS });
  log('approved from the panel: status and approval written into the frontmatter, the row shows it');

  await blockedRow.getByRole('button', { name: `Approve: ${BLOCKED.title}` }).click();
  const refusal = blockedRow.getByRole('alert');
  await refusal.filter({ hasText: 'Threat T2 "SQL injection in order search" is open with critical risk' }).waitFor({ timeout: STEP_MS });
  const blockedAfter = await readFile(specFile(BLOCKED.slug), 'utf8');
  if (blockedAfter !== blockedBefore) throw new Error(`${specFile(BLOCKED.slug)} changed although its approval was refused`);
  log('approval refused with the blocking threat shown in the panel; the spec file is unchanged');

  await blockedRow.getByRole('button', { name: `Request changes: ${BLOCKED.title}` }).click();
  await blockedRow.getByRole('textbox', { name: `What should change in ${BLOCKED.title}` }).fill('Mitigate T2: parameterise the order search query.');
  await blockedRow.getByRole('button', { name: `Send the change request for ${BLOCKED.title}` }).click();
  await blockedRow.locator('.phase-badge', { hasText: 'Needs a human' }).waitFor({ timeout: STEP_MS });
  const changed = await readFile(specFile(BLOCKED.slug), 'utf8');
  if (!/^status: changes_requested$/m.test(changed)) throw new Error(`${specFile(BLOCKED.slug)} does not say changes_requested`);
  const comments = await readFile(join(workspace, '.omni', 'specs', BLOCKED.slug, 'comments.json'), 'utf8');
  if (!comments.includes('"body": "Mitigate T2: parameterise the order search query."') || !comments.includes('"source": "request-changes"')) {
    throw new Error(`comments.json does not hold the change request:\n${comments}`);
  }
  log('changes requested from the panel: status changes_requested, the comment in comments.json, the row shows it');
  await page.screenshot({ path: join(shots, 'specs-panel.png') });

  // An edit made outside the panel reaches it through the file watcher: the approval is void now.
  await writeFile(specFile(PASSING.slug), `${await readFile(specFile(PASSING.slug), 'utf8')}\nA note added by hand.\n`);
  await passingRow.getByText('Approval void: the spec changed after the approval', { exact: false }).waitFor({ timeout: STEP_MS });
  log('an edit on disk voids the approval and the panel shows it (file watcher)');
  log(`screenshot in ${join(shots, 'specs-panel.png')}`);
}

/** Clicks Omni's activity bar entry and returns the Specs webview's document (a webview is an iframe inside an iframe). */
async function openSpecsView(page: Page): Promise<FrameLocator> {
  await page.locator('.activitybar .action-item .action-label[aria-label^="Omni"]').first().click({ timeout: STEP_MS });
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe');
  await frame.locator('ul.specs').waitFor({ timeout: STEP_MS });
  return frame;
}

function row(panel: FrameLocator, title: string) {
  return panel.locator('li.spec', { has: panel.locator('.title', { hasText: title }) });
}
