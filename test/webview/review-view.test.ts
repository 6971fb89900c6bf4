import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { SpecFolder } from '../../src/core/agents/spec-workspace';
import { appendRound, type ReviewRecord } from '../../src/core/review/review-record';
import { DesignReview } from '../../src/core/schemas/design-review';
import { SpecDraft } from '../../src/core/schemas/spec-draft';
import { printSpec } from '../../src/core/specs/print-spec';
import { parseSpec } from '../../src/core/specs/spec-file';
import { specHash } from '../../src/core/specs/spec-hash';
import { reviewViewUpdate } from '../../src/extension/webviews/review-view/review-snapshot';
import { ReviewViewProtocol } from '../../src/protocol/webview/review-view';
import { nodeSpecWorkspace } from '../../src/node/specs/node-spec-workspace';
import { openPanel } from './support/open-panel';

const TASK_ID = '6f1c2a43-9a53-4d1e-8d7e-0d6f8f3b2a11';

async function fixture<T>(name: string, schema: { parse(value: unknown): T }): Promise<T> {
  return schema.parse(JSON.parse(await readFile(`test/fixtures/agents/${name}.json`, 'utf8')));
}

/** A spec reviewed twice, as the pipeline leaves it: round 1 asked for a revision, round 2 of the revised text passed. */
async function reviewedSpec(): Promise<{ root: string; folder: SpecFolder; uri: string; record: ReviewRecord }> {
  const root = await mkdtemp(join(tmpdir(), 'omni-review-view-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  const folder = await nodeSpecWorkspace(root).create('Rate-limit the public API');
  let record: ReviewRecord | undefined;
  for (const [draft, review, at] of [
    ['draft', 'review-revise', '2026-12-06T21:00:00.000Z'],
    ['revised', 'review-pass', '2026-12-06T21:05:00.000Z'],
  ] as const) {
    const text = printSpec(await fixture(draft, SpecDraft), { taskId: TASK_ID, status: 'in_review' });
    await folder.writeSpec(text);
    const answer = await fixture(review, DesignReview);
    record = appendRound(record, { ...answer, at, spec_sha256: await specHash(text), provider: 'ollama', model: 'qwen2.5-coder:7b', prompt: { id: 'reviewer/design-review', version: 1 } }, 2);
  }
  if (!record) throw new Error('no review');
  await folder.writeJson('review.json', record);
  return { root, folder, uri: `file://${folder.specPath}`, record };
}

async function open(theme: 'light' | 'dark' | 'high-contrast' = 'dark') {
  const spec = await reviewedSpec();
  const panel = await openPanel('review-view', {
    protocol: ReviewViewProtocol,
    handlers: { reveal: () => null, openSpecView: () => null },
    theme,
    size: { width: 1000, height: 900 },
  });
  await panel.emit('update', await reviewViewUpdate(spec.folder, spec.uri));
  await panel.page.getByRole('heading', { level: 1 }).waitFor();
  return { panel, ...spec };
}

describe('the design review view in Chromium', () => {
  it('charts the ten scores with each score as text and the 6 and 8 thresholds, and the overall against them', async () => {
    const { panel, record, uri } = await open();
    const { page } = panel;
    const chart = page.getByRole('img', { name: 'Design review scores, round 2' });
    await chart.waitFor();
    expect(await chart.locator('rect.bar').count()).toBe(10);
    const last = record.rounds[1];
    if (!last) throw new Error('two rounds expected');
    const values = await chart.locator('text.value').allTextContents();
    expect(values).toEqual(Object.values(last.dimensions).map((dimension) => String(dimension.score)));
    expect(await chart.locator('line.threshold').evaluateAll((lines) => lines.map((line) => line.getAttribute('data-threshold')))).toEqual(['6', '8']);
    expect(await chart.locator('desc').textContent()).toContain('separation of concerns');
    const scores = page.getByRole('table', { name: 'Scores of round 2' });
    expect(await scores.locator('tbody tr').count()).toBe(10);
    expect(await page.locator('#overall-title').textContent()).toBe(`Round 2: overall ${last.overall} / 10, proceed`);
    expect(await page.getByRole('img', { name: /^Overall [\d.]+ of 10; 8 or more proceeds, 6 or more goes back to the Architect/ }).count()).toBe(1);
    expect(await page.locator('.stale').count()).toBe(0);
    expect(panel.savedState).toEqual({ specUri: uri });
    await panel.screenshot('media/screenshots/webview-review-view-dark.png');
  });

  it('reads in the light theme, showing the round that asked for a revision', async () => {
    const { panel } = await open('light');
    await panel.page.getByRole('button', { name: 'Round 1', exact: true }).click();
    await panel.page.getByRole('img', { name: 'Design review scores, round 1' }).waitFor();
    expect(await panel.page.getByRole('button', { name: 'Round 1', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await panel.screenshot('media/screenshots/webview-review-view-light.png');
  });

  it('outlines the bars and the gauge with the contrast border in high contrast', async () => {
    const { panel } = await open('high-contrast');
    const strokes = await panel.page.locator('rect.bar, rect.zone').evaluateAll((rects) => [...new Set(rects.map((rect) => getComputedStyle(rect).stroke))]);
    expect(strokes).toEqual(['rgb(111, 195, 223)']);
    expect(await panel.page.locator('rect.bar.good').first().evaluate((rect) => getComputedStyle(rect).fill)).toBe('rgb(137, 209, 133)');
  });

  it('links each finding to the spec line its location names: a click asks the host to reveal it', async () => {
    const { panel, folder } = await open();
    const { page } = panel;
    await page.getByRole('button', { name: 'Round 1', exact: true }).click();
    const spec = parseSpec((await folder.readSpec()) ?? '', folder.specPath);
    const line = spec.lineOf('Constraints');
    const finding = page.getByRole('button', { name: `Eviction of tracked clients is unobservable: show Constraints in the spec, line ${line}` });
    const revealed = panel.waitForRequest('reveal');
    await finding.focus();
    await page.keyboard.press('Enter');
    expect((await revealed).params).toEqual({ line });
    expect(await page.locator('.finding h3').allTextContents()).toEqual(['Eviction of tracked clients is unobservable']);
  });

  it('marks a review stale once the spec changed, and keeps the history of rounds', async () => {
    const { panel, folder, uri } = await open();
    await writeFile(folder.specPath, ((await folder.readSpec()) ?? '').replace('## Rollback Plan\n', '## Rollback Plan\n\nEdited by hand.\n'));
    await panel.emit('update', await reviewViewUpdate(folder, uri));
    await panel.page.getByText(/^\s*Stale: the spec changed since round 2 read it/).waitFor();
    const rounds = panel.page.getByRole('table', { name: 'Scores per review round' });
    expect(await rounds.locator('tbody tr').count()).toBe(2);
    expect(await rounds.locator('tbody tr[data-round="1"] td').first().textContent()).toBe('7.2');
    expect(await rounds.locator('thead th').count()).toBe(13);
  });

  it('says when there is no review, and names a review.json that does not validate', async () => {
    const { panel, folder, uri, root } = await open();
    const path = join(root, '.omni/specs', folder.slug, 'review.json');
    await writeFile(path, '{"version": 1, "rounds": []}');
    await panel.emit('update', await reviewViewUpdate(folder, uri));
    const alert = panel.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`${path}: not a valid review record`);
    await rm(path);
    await panel.emit('update', await reviewViewUpdate(folder, uri));
    await panel.page.getByRole('status').getByText('has not been reviewed yet').waitFor();
    const opened = panel.waitForRequest('openSpecView');
    await panel.page.getByRole('button', { name: 'Open the spec view' }).click();
    expect((await opened).params).toEqual({});
  });
});
