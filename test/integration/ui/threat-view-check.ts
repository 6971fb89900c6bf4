import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FrameLocator, Page } from 'playwright-core';
import { z } from 'zod';
import { editThreat } from '../../../src/core/threats/threat-edit';
import { parseThreatsFile } from '../../../src/core/threats/threats-file';
import { paths, withSession } from '../runner/session';
import { withTimeout } from '../runner/timeout';
import { STEP_MS, runCommand, waitForWorkbench } from './workbench';

const log = (line: string): void => console.log(`[threat-view-check] ${line}`);

const SLUG = 'checkout-orders';
const THREATS = join('.omni', 'specs', SLUG, 'threats.json');
const MITIGATION = 'Use bound parameters for every query';

/**
 * In code-server's real workbench, as a user: "Omni: Open Threat Model" from the command palette,
 * the diagram and table of a fixture spec, an edit refused without a reason, then threat T2 marked
 * mitigated through the view, and threats.json on disk checked for the change; then a change made
 * on disk (as another editor or a pipeline run would) reaches the open view through its file watcher,
 * the export to Threat Dragon goes through the save dialog, and a window reload restores the view.
 * Run: node test/integration/run.mjs ui/threat-view-check.ts
 */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' } } });
  const root = process.cwd();
  const shots = join(paths(root).screenshots, 'threat-view');
  await rm(shots, { recursive: true, force: true });
  await mkdir(shots, { recursive: true });
  const port = values.port === undefined ? undefined : Number(values.port);

  return withSession(root, { smokeTestDriver: false, installExtension: true, port, log }, async ({ page, server, run }) => {
    // The shared fixture workspace has no spec; this check brings its own next to it.
    await cp(join(root, 'test', 'fixtures', 'workspace-threats'), run.workspace, { recursive: true });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(run.workspace)}`);
    try {
      await withTimeout('the threat view check', 300_000, check(page, run.workspace, shots));
      return 0;
    } catch (error) {
      log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  });
}

/** The threat view's document: webviews are an iframe in an iframe, and only one webview is open here. */
function threatView(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe');
}

async function check(page: Page, workspace: string, shots: string): Promise<void> {
  await waitForWorkbench(page);
  // The palette lists the commands known when it opens: wait until the extension is up (its status item shows).
  await page.locator('.statusbar-item', { hasText: 'Omni' }).first().waitFor({ timeout: STEP_MS });
  log('workbench up, extension active');
  // The workspace has one spec: the view opens on it without asking which.
  await runCommand(page, 'Omni: Open Threat Model');
  const view = threatView(page);
  await view.locator('tr.threat[data-id="T2"]').waitFor({ timeout: STEP_MS });
  const before = parseThreatsFile(JSON.parse(await readFile(join(workspace, THREATS), 'utf8')), THREATS);
  const drawn = await view.locator('svg.diagram g.element').count();
  if (drawn !== before.elements.length) throw new Error(`the diagram shows ${drawn} elements, threats.json has ${before.elements.length}`);
  log(`threat view open: ${drawn} elements drawn, table listed`);
  await page.screenshot({ path: join(shots, 'threat-view.png') });

  await view.locator('tr.threat[data-id="T1"] vscode-button.edit').click();
  await view.locator('#edit-status').selectOption('accepted');
  await view.locator('#save-threat').click();
  await view.locator('.refusal', { hasText: 'can only be marked accepted with a reason' }).waitFor({ timeout: STEP_MS });
  log('accepting T1 without a reason is refused, the reason shown in the form');
  await view.locator('#cancel-edit').click();

  await view.locator('tr.threat[data-id="T2"] vscode-button.edit').click();
  await view.locator('#edit-status').selectOption('mitigated');
  await view.locator('#edit-mitigations').fill(MITIGATION);
  await view.locator('#save-threat').click();
  await view.locator('tr.threat[data-id="T2"] td.status', { hasText: 'Mitigated' }).waitFor({ timeout: STEP_MS });
  await page.screenshot({ path: join(shots, 'threat-view-after-edit.png') });

  // The view shows the new status only after the host answered, and the host answers after the write.
  const after = parseThreatsFile(JSON.parse(await readFile(join(workspace, THREATS), 'utf8')), THREATS);
  const t2 = after.threats.find((threat) => threat.id === 'T2');
  if (t2?.status !== 'mitigated' || t2.mitigations.join('\n') !== MITIGATION) {
    throw new Error(`threats.json on disk has T2 as ${JSON.stringify({ status: t2?.status, mitigations: t2?.mitigations })}`);
  }
  const t1 = after.threats.find((threat) => threat.id === 'T1');
  if (t1?.status !== 'open') throw new Error(`the refused edit changed T1 on disk: ${t1?.status}`);
  log(`threats.json on disk: T2 mitigated with "${MITIGATION}", T1 still open`);

  const outside = editThreat(after, { id: 'T3', status: 'not-applicable', reason: 'Guest orders are never used for analytics.' });
  await writeFile(join(workspace, THREATS), `${JSON.stringify(outside, null, 2)}\n`);
  await view.locator('tr.threat[data-id="T3"] td.status', { hasText: 'Not applicable' }).waitFor({ timeout: STEP_MS });
  log('T3 changed on disk shows in the open view');

  // Export: the save dialog (code-server's simple dialog, a quick input) offers a file beside the spec.
  await view.locator('#export').click();
  // The dialog fills its input in steps (the folder, then the file name): wait for the whole path.
  // (An expression, since this project's Node code has no DOM types.)
  await page.waitForFunction("document.querySelector('.quick-input-widget input')?.value.endsWith('/checkout-orders.threat-dragon.json')", undefined, { timeout: STEP_MS });
  await page.keyboard.press('Enter');
  await view.getByRole('status').getByText(/^Exported to .*checkout-orders\.threat-dragon\.json\.$/).waitFor({ timeout: STEP_MS });
  const exported = ThreatDragonFile.parse(JSON.parse(await readFile(join(workspace, '.omni', 'specs', SLUG, 'checkout-orders.threat-dragon.json'), 'utf8')));
  if (exported.summary.title !== 'Guest checkout for orders') throw new Error(`the export is titled ${exported.summary.title}`);
  log(`exported to Threat Dragon: ${exported.detail.diagrams.map((diagram) => diagram.title).join(', ')}`);

  // After a window reload VS Code brings the panel back through its serializer, filters included.
  await view.locator('#filter-status').selectOption('open');
  await runCommand(page, 'Developer: Reload Window');
  await waitForWorkbench(page);
  const restored = threatView(page);
  await restored.locator('tr.threat[data-id="T1"]').waitFor({ timeout: STEP_MS });
  const shown = await restored.locator('tr.threat').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
  if (shown.join(',') !== 'T1,T7,T5') throw new Error(`the restored view lists ${shown.join(',')}, expected the open threats T1,T7,T5`);
  log(`the view came back after a window reload with its filter (open: ${shown.join(', ')}); screenshots in ${shots}`);
}

/** The parts of a Threat Dragon model this check reads. */
const ThreatDragonFile = z.object({ summary: z.object({ title: z.string() }), detail: z.object({ diagrams: z.array(z.object({ title: z.string() })).min(1) }) });
