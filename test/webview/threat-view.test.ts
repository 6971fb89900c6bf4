import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editThreat } from '../../src/core/threats/threat-edit';
import { parseThreatsFile, type ThreatsFile } from '../../src/core/threats/threats-file';
import { RefusedError } from '../../src/extension/webviews/request-dispatch';
import { saveThreatEdit, threatsSnapshot } from '../../src/extension/webviews/threat-view/threats-document';
import { threatViewProtocol, type ThreatViewSpec } from '../../src/protocol/webview/threat-view';
import { openPanel, type OpenPanel } from './support/open-panel';
import type { ThemeName } from './support/themes';

const FIXTURE = 'test/fixtures/workspace-threats/.omni/specs/checkout-orders/threats.json';

let root: string;
let folder: string;
let spec: ThreatViewSpec;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'omni-threat-view-'));
  folder = join(root, '.omni', 'specs', 'checkout-orders');
  await mkdir(folder, { recursive: true });
  spec = { slug: 'checkout-orders', folder: pathToFileURL(folder).href, threatsPath: join(folder, 'threats.json') };
  await copyFile(FIXTURE, spec.threatsPath);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const onDisk = async (): Promise<ThreatsFile> => parseThreatsFile(JSON.parse(await readFile(spec.threatsPath, 'utf8')), spec.threatsPath);

/** The panel as the extension runs it: edits go through the real threats.json code to a real file. */
async function open(theme: ThemeName = 'dark', size = { width: 1100, height: 800 }): Promise<OpenPanel<typeof threatViewProtocol>> {
  const panel = await openPanel('threat-view', {
    protocol: threatViewProtocol,
    theme,
    size,
    handlers: {
      editThreat: (params) => saveThreatEdit(spec, params, 'ada'),
      exportThreatDragon: () => ({ saved: join(folder, 'checkout-orders.threat-dragon.json') }),
      openThreatsFile: () => null,
    },
  });
  // What ThreatViewPanel sends on the ready message.
  await panel.emit('snapshot', await threatsSnapshot(spec));
  await panel.page.locator('svg.diagram g.element').first().waitFor();
  return panel;
}

async function rows(panel: OpenPanel<typeof threatViewProtocol>): Promise<string[]> {
  return panel.page.locator('tr.threat').evaluateAll((found) => found.map((row) => row.getAttribute('data-id') ?? ''));
}

describe('the threat model view', () => {
  it('draws every element, flow and trust boundary, each boundary around its own elements', async () => {
    const panel = await open();
    const model = await onDisk();
    const drawn = await panel.page.evaluate(() => {
      const box = (element: Element | null) => {
        const rect = element?.getBoundingClientRect();
        return rect ? { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom } : undefined;
      };
      const all = (selector: string) => [...document.querySelectorAll(`svg.diagram ${selector}`)];
      return {
        elements: all('g.element').map((g) => ({ id: g.getAttribute('data-id'), shape: g.querySelector('.shape')?.tagName, box: box(g.querySelector('.shape')) })),
        boundaries: all('g.boundary').map((g) => ({ id: g.getAttribute('data-id'), dashed: getComputedStyle(g.querySelector('rect') as Element).strokeDasharray, box: box(g.querySelector('rect')) })),
        flows: all('g.flow').map((g) => ({ id: g.getAttribute('data-id'), label: [...g.querySelectorAll('.flow-label tspan')].map((line) => line.textContent).join(' '), arrow: g.querySelector('.line')?.getAttribute('marker-end') })),
        badges: all('g.element .badge').map((badge) => ({ id: badge.closest('g.element')?.getAttribute('data-id'), risk: badge.getAttribute('class'), count: badge.textContent?.trim() })),
      };
    });
    const shapes = { process: 'ellipse', dataStore: 'path', externalEntity: 'rect' };
    expect(drawn.elements.map(({ id, shape }) => ({ id, shape }))).toEqual(model.elements.map((element) => ({ id: element.id, shape: shapes[element.kind] })));
    expect(drawn.flows).toEqual(model.flows.map((flow) => ({ id: flow.id, label: flow.data, arrow: 'url(#arrow)' })));
    expect(drawn.boundaries.map(({ id }) => id)).toEqual(model.boundaries.map((boundary) => boundary.id));
    for (const boundary of drawn.boundaries) {
      expect(boundary.dashed, `${boundary.id} is dashed`).not.toBe('none');
      for (const element of model.elements) {
        const placed = drawn.elements.find((candidate) => candidate.id === element.id)?.box;
        const outer = boundary.box;
        if (!placed || !outer) throw new Error(`no box for ${element.id} or ${boundary.id}`);
        const inside = placed.left >= outer.left && placed.top >= outer.top && placed.right <= outer.right && placed.bottom <= outer.bottom;
        expect(inside, `${element.id} inside ${boundary.id}`).toBe(element.trustBoundary === boundary.id);
      }
    }
    // Open threats per element, coloured by the highest: T2 (critical) on the API, T7 (high) on the web app.
    expect(drawn.badges).toEqual([
      { id: 'web', risk: 'badge risk-high', count: '1' },
      { id: 'api', risk: 'badge risk-critical', count: '1' },
      { id: 'db', risk: 'badge risk-medium', count: '1' },
    ]);
    await expect(panel.page.getByRole('button', { name: /^Orders API, process, 1 open threat, highest risk critical$/ }).count()).resolves.toBe(1);
  });

  it('filters by framework, risk and status, by a click or Enter on the diagram, and sorts by a header', async () => {
    const panel = await open();
    const { page } = panel;
    expect(await rows(panel)).toEqual(['T2', 'T1', 'T7', 'T5', 'T3', 'T6', 'T8', 'T4']);
    await expect(page.locator('tr.threat.blocking').evaluateAll((found) => found.map((row) => row.getAttribute('data-id')))).resolves.toEqual(['T2', 'T1', 'T7']);

    await page.locator('#filter-framework').selectOption('LINDDUN');
    expect(await rows(panel)).toEqual(['T3', 'T8']);
    expect(panel.savedState).toMatchObject({ folder: spec.folder, filter: { framework: 'LINDDUN' } });
    await page.locator('#clear-filters').click();
    await page.locator('#filter-risk').selectOption('high');
    expect(await rows(panel)).toEqual(['T1', 'T7']);
    await page.locator('#filter-status').selectOption('mitigated');
    expect(await rows(panel)).toEqual([]);
    await expect(page.getByText('No threat matches the filters.').isVisible()).resolves.toBe(true);
    await page.locator('#clear-filters').click();

    await page.locator('svg.diagram g.element[data-id="api"]').click();
    expect(await rows(panel)).toEqual(['T2']);
    await expect(page.locator('g.element[data-id="api"]').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.locator('svg.diagram g.flow[data-id="F6"]').focus();
    await page.keyboard.press('Enter');
    expect(await rows(panel)).toEqual(['T5']);
    await page.keyboard.press('Enter');
    expect(await rows(panel)).toHaveLength(8);

    await page.locator('button.sort[data-key="id"]').click();
    expect(await rows(panel)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8']);
    await expect(page.locator('th', { has: page.locator('button.sort[data-key="id"]') }).getAttribute('aria-sort')).resolves.toBe('ascending');
  });

  it('comes back after a reload with the filters and sort it saved', async () => {
    const panel = await open();
    await panel.page.locator('#filter-status').selectOption('open');
    await panel.page.locator('button.sort[data-key="title"]').click();
    expect(panel.savedState).toEqual({ folder: spec.folder, filter: { framework: 'all', category: 'all', risk: 'all', status: 'open' }, sort: { key: 'title', descending: false } });
    await panel.reload();
    await panel.emit('snapshot', await threatsSnapshot(spec));
    await panel.page.locator('tr.threat').first().waitFor();
    expect(await rows(panel)).toEqual(['T3', 'T7', 'T5', 'T1', 'T2']);
    await expect(panel.page.locator('#filter-status').inputValue()).resolves.toBe('open');
  });

  it('edits a threat from the keyboard: sends its status and mitigations, and threats.json changes on disk', async () => {
    const panel = await open();
    const { page } = panel;
    await page.locator('tr.threat[data-id="T2"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    // The form opens under its threat, and the arrow keys step over it from row to row.
    await expect(page.locator('tr.threat[data-id="T2"] + tr.editor-row form.editor').count()).resolves.toBe(1);
    await page.locator('tr.threat[data-id="T2"]').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe('T1');
    await page.locator('#edit-status').selectOption('mitigated');
    await page.locator('#edit-mitigations').fill('Use bound parameters for every query\n\n- Review every raw SQL string');
    const sent = panel.waitForRequest('editThreat');
    await page.locator('#save-threat').click();
    expect((await sent).params).toEqual({ id: 'T2', status: 'mitigated', mitigations: ['Use bound parameters for every query', '', '- Review every raw SQL string'] });
    await page.locator('tr.threat[data-id="T2"] td.status', { hasText: 'Mitigated' }).waitFor();
    await expect(page.locator('tr.threat[data-id="T2"]').getAttribute('class')).resolves.not.toContain('blocking');
    await expect(page.locator('g.element[data-id="api"] .badge').count()).resolves.toBe(0);
    const t2 = (await onDisk()).threats.find((threat) => threat.id === 'T2');
    expect(t2).toMatchObject({ status: 'mitigated', mitigations: ['Use bound parameters for every query', '- Review every raw SQL string'] });
    // Who gave the verdict is in the spec's log.
    const log = (await readFile(join(folder, 'events.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(log).toEqual([expect.objectContaining({ type: 'threat-verdict', by: 'ada', threat: 'T2', from: 'open', to: 'mitigated' })]);
  });

  it('shows a refused edit with its reason next to the form, and leaves threats.json as it was', async () => {
    const panel = await open();
    const before = await readFile(spec.threatsPath, 'utf8');
    await panel.page.locator('tr.threat[data-id="T1"] vscode-button.edit').click();
    await panel.page.locator('#edit-status').selectOption('accepted');
    const sent = panel.waitForRequest('editThreat');
    await panel.page.locator('#save-threat').click();
    expect((await sent).params).toMatchObject({ id: 'T1', status: 'accepted' });
    const refusal = panel.page.locator('form.editor').getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.locator('strong').textContent()).toBe('T1 was not saved');
    expect(await refusal.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('threat "T1" can only be marked accepted with a reason')]);
    expect(await readFile(spec.threatsPath, 'utf8')).toBe(before);

    await panel.page.locator('#edit-reason').fill('Sessions are bound to the device by the load balancer.');
    await panel.page.locator('#save-threat').click();
    await panel.page.locator('tr.threat[data-id="T1"] td.status', { hasText: 'Accepted' }).waitFor();
    expect((await onDisk()).threats.find((threat) => threat.id === 'T1')).toMatchObject({ status: 'accepted', reason: 'Sessions are bound to the device by the load balancer.' });
  });

  it('shows a threats.json that fails validation as an error with its path, and never overwrites it', async () => {
    const panel = await open();
    const broken = JSON.parse(await readFile(spec.threatsPath, 'utf8')) as { threats: { risk: string }[] };
    (broken.threats[0] as { risk: string }).risk = 'low';
    const text = `${JSON.stringify(broken, null, 2)}\n`;
    await writeFile(spec.threatsPath, text);
    await panel.emit('snapshot', await threatsSnapshot(spec));
    const alert = panel.page.locator('.invalid[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(spec.threatsPath);
    expect(await alert.getByRole('listitem').allTextContents()).toEqual(['threats.0.risk: threat "T1": risk is low but a DREAD score of 7.6 is high']);
    await expect(saveThreatEdit(spec, { id: 'T2', status: 'mitigated', mitigations: [] }, 'ada')).rejects.toThrow(RefusedError);
    expect(await readFile(spec.threatsPath, 'utf8')).toBe(text);
  });

  it('says when the spec has no threat model yet, with nothing to open or export', async () => {
    const panel = await open();
    await rm(spec.threatsPath);
    await panel.emit('snapshot', await threatsSnapshot(spec));
    await panel.page.locator('.missing', { hasText: 'No threat model yet' }).waitFor();
    await expect(panel.page.locator('#open-file, #export, svg.diagram, table.threats').count()).resolves.toBe(0);
  });

  it('follows threats.json as it changes on disk, keeping the filters', async () => {
    const panel = await open();
    await panel.page.locator('#filter-framework').selectOption('LINDDUN');
    const edited = editThreat(await onDisk(), { id: 'T3', status: 'mitigated' });
    await writeFile(spec.threatsPath, JSON.stringify(edited));
    await panel.emit('snapshot', await threatsSnapshot(spec));
    await panel.page.locator('tr.threat[data-id="T3"] td.status', { hasText: 'Mitigated' }).waitFor();
    expect(await rows(panel)).toEqual(['T3', 'T8']);
  });

  it('exports to Threat Dragon through the host and says where', async () => {
    const panel = await open();
    const sent = panel.waitForRequest('exportThreatDragon');
    await panel.page.locator('#export').click();
    expect((await sent).params).toEqual({});
    await panel.page.getByRole('status').getByText(`Exported to ${join(folder, 'checkout-orders.threat-dragon.json')}.`).waitFor();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`reads in the ${theme} theme (screenshot for the README)`, async () => {
      const panel = await open(theme, { width: 1440, height: 900 });
      // The README shows a project's path, not this test's temp folder (which would change every run).
      const snapshot = await threatsSnapshot(spec);
      await panel.emit('snapshot', { ...snapshot, spec: { ...spec, threatsPath: '/home/you/shop/.omni/specs/checkout-orders/threats.json' } });
      await panel.page.getByText('/home/you/shop/.omni/specs/checkout-orders/threats.json').waitFor();
      const colours = await panel.page.evaluate(() => {
        const style = (selector: string) => getComputedStyle(document.querySelector(selector) as Element);
        return { text: style('.element-name').fill, background: getComputedStyle(document.body).backgroundColor, critical: style('g.element[data-id="api"] .badge circle').fill };
      });
      expect(colours.text).not.toBe(colours.background);
      expect(colours.critical).not.toBe(colours.background);
      await panel.screenshot(`media/screenshots/webview-threat-view-${theme}.png`);
    });
  }
});
