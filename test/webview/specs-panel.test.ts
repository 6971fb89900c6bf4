import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../src/extension/webviews/request-dispatch';
import { SpecsPanelProtocol, type SpecList, type SpecRow } from '../../src/protocol/webview/specs-panel';
import { openPanel, type OpenPanel } from './support/open-panel';
import type { ThemeName } from './support/themes';

const FOLDER = 'file:///home/ada/shop';

function spec(row: Partial<SpecRow> & Pick<SpecRow, 'slug'>): SpecRow {
  return {
    folder: FOLDER,
    folderName: 'shop',
    phase: 'awaiting-approval',
    reasons: [],
    reviewStale: false,
    openThreats: { low: 0, medium: 0, high: 0, critical: 0 },
    blockingThreats: 0,
    approval: { kind: 'none' },
    updated: '2026-12-01T09:00:00.000Z',
    ...row,
  };
}

/** Five specs in every state the panel distinguishes, most recently updated first. */
const SPECS: SpecRow[] = [
  spec({
    slug: 'export-audit-log',
    title: 'Export the audit log as CSV',
    overall: 8.2,
    decision: 'proceed',
    reasons: ['2 open high or critical threats'],
    openThreats: { low: 1, medium: 1, high: 1, critical: 1 },
    blockingThreats: 2,
    updated: '2026-12-06T10:00:00.000Z',
  }),
  spec({ slug: 'rate-limit-search', title: 'Rate-limit the public search API', overall: 8.9, decision: 'proceed', openThreats: { low: 1, medium: 1, high: 0, critical: 0 }, updated: '2026-12-05T10:00:00.000Z' }),
  spec({
    slug: 'search-cache',
    title: 'Cache search results',
    phase: 'awaiting-approval',
    overall: 7.1,
    decision: 'revise',
    reviewStale: true,
    approval: { kind: 'void', by: 'grace', at: '2026-12-02T08:00:00.000Z', reason: 'the spec changed after the approval at 2026-12-02T08:00:00.000Z by grace' },
    reasons: ['the spec changed after the approval at 2026-12-02T08:00:00.000Z by grace'],
    updated: '2026-12-04T10:00:00.000Z',
  }),
  spec({ slug: 'billing-webhooks', title: 'Retry billing webhooks', phase: 'approved', overall: 9.1, decision: 'proceed', approval: { kind: 'valid', by: 'ada', at: '2026-12-03T08:00:00.000Z' }, updated: '2026-12-03T10:00:00.000Z' }),
  spec({ slug: 'draft-notes', phase: 'needs-human', reasons: ['no pipeline has run on this spec: request a review'], updated: '2026-11-30T10:00:00.000Z' }),
];
const LIST: SpecList = { specs: SPECS, folders: 1 };
const TITLES_BY_UPDATE = ['Export the audit log as CSV', 'Rate-limit the public search API', 'Cache search results', 'Retry billing webhooks', 'draft-notes'];

type Handlers = Parameters<typeof openPanel<typeof SpecsPanelProtocol>>[1]['handlers'];

const handlers: Handlers = {
  list: () => LIST,
  open: () => ({}),
  review: () => ({ phase: 'awaiting-approval', reasons: [] }),
  approve: () => ({ by: 'ada' }),
  requestChanges: () => ({}),
  reject: () => ({}),
  generate: () => ({}),
};

async function open(overrides: Partial<Handlers> = {}, options: { theme?: ThemeName; expectProblems?: boolean } = {}): Promise<OpenPanel<typeof SpecsPanelProtocol>> {
  const panel = await openPanel('specs-panel', {
    protocol: SpecsPanelProtocol,
    handlers: { ...handlers, ...overrides },
    theme: options.theme ?? 'dark',
    surface: 'sideBar',
    size: { width: 340, height: 1100 },
    expectProblems: options.expectProblems ?? false,
  });
  await panel.page.locator('li.spec').first().waitFor();
  return panel;
}

const titles = (panel: OpenPanel<typeof SpecsPanelProtocol>) => panel.page.locator('li.spec .title').allTextContents();
const row = (panel: OpenPanel<typeof SpecsPanelProtocol>, title: string) => panel.page.getByRole('listitem').filter({ has: panel.page.locator('.title', { hasText: title }) });

/** Picks an entry of a vscode-single-select the way a keyboard user does: focus, open, type, Enter. */
async function choose(panel: OpenPanel<typeof SpecsPanelProtocol>, selectLabel: string, optionText: string): Promise<void> {
  const select = panel.page.getByRole('combobox', { name: selectLabel });
  await select.click();
  await panel.page.getByRole('option', { name: optionText, exact: true }).click();
}

describe('the Specs side panel', () => {
  it('renders every spec the host lists, with its phase, score, threats, approval and stale marker', async () => {
    const panel = await open();
    expect(panel.requests.map((request) => request.method)).toEqual(['list']);
    expect(await titles(panel)).toEqual(TITLES_BY_UPDATE);
    const audit = row(panel, 'Export the audit log as CSV');
    expect(await audit.getAttribute('aria-label')).toBe('Export the audit log as CSV; Awaiting approval; Review 8.2/10, proceed; Open threats: 1 critical, 1 high, 1 medium, 1 low; Not approved');
    await audit.getByText('(2 blocking)').waitFor();
    const cache = row(panel, 'Cache search results');
    await cache.getByText('Review is stale: the spec changed after it').waitFor();
    await cache.getByText('Approval void: the spec changed after the approval').waitFor();
    await row(panel, 'Retry billing webhooks').getByText('Approved by ada').waitFor();
    expect(await row(panel, 'Retry billing webhooks').getByRole('button', { name: 'Approve: Retry billing webhooks' }).getAttribute('disabled')).not.toBeNull();
    await row(panel, 'draft-notes').getByText('Not reviewed').waitFor();
    await row(panel, 'draft-notes').getByText('no pipeline has run on this spec: request a review').waitFor();
    // Every control has an accessible name (rows carry theirs, checked above).
    for (const role of ['button', 'combobox', 'searchbox'] as const) {
      const all = await panel.page.getByRole(role).count();
      expect(all).toBeGreaterThan(0);
      expect(await panel.page.getByRole(role, { name: /\S/ }).count()).toBe(all);
    }
  });

  it('filters by text and phase and sorts by title, phase, score and update', async () => {
    const panel = await open();
    const filter = panel.page.getByRole('searchbox', { name: 'Filter specs by title, slug or phase' });
    await filter.fill('search');
    await expect.poll(() => titles(panel)).toEqual(['Rate-limit the public search API', 'Cache search results']);
    await filter.fill('nothing like it');
    await panel.page.getByText('No spec matches the filter.').waitFor();
    await panel.page.getByRole('button', { name: 'Clear the filter' }).click();
    await expect.poll(() => titles(panel)).toEqual(TITLES_BY_UPDATE);

    await choose(panel, 'Show specs in phase', 'Approved');
    await expect.poll(() => titles(panel)).toEqual(['Retry billing webhooks']);
    await choose(panel, 'Show specs in phase', 'All phases');

    await choose(panel, 'Sort specs by', 'Title');
    await expect.poll(() => titles(panel)).toEqual(['Cache search results', 'draft-notes', 'Export the audit log as CSV', 'Rate-limit the public search API', 'Retry billing webhooks']);
    await choose(panel, 'Sort specs by', 'Score');
    await expect.poll(() => titles(panel)).toEqual(['Retry billing webhooks', 'Rate-limit the public search API', 'Export the audit log as CSV', 'Cache search results', 'draft-notes']);
    await choose(panel, 'Sort specs by', 'Phase');
    await expect.poll(() => titles(panel)).toEqual(['Cache search results', 'Export the audit log as CSV', 'Rate-limit the public search API', 'draft-notes', 'Retry billing webhooks']);
    // The choice outlives a reload of the view.
    expect(panel.savedState).toEqual({ text: '', phase: 'all', sort: 'phase' });
    await panel.reload();
    await expect.poll(() => titles(panel)).toEqual(['Cache search results', 'Export the audit log as CSV', 'Rate-limit the public search API', 'draft-notes', 'Retry billing webhooks']);
  });

  it('sends one request per action, naming the spec', async () => {
    const panel = await open();
    const rate = row(panel, 'Rate-limit the public search API');
    const ref = { folder: FOLDER, slug: 'rate-limit-search' };

    await rate.getByRole('button', { name: 'Open: Rate-limit the public search API' }).click();
    await rate.getByRole('button', { name: 'Run review: Rate-limit the public search API' }).click();
    await rate.getByRole('status').getByText('Review finished: Awaiting approval').waitFor();
    await rate.getByRole('button', { name: 'Approve: Rate-limit the public search API' }).click();
    await rate.getByRole('status').getByText('Approved by ada').waitFor();

    await rate.getByRole('button', { name: 'Request changes: Rate-limit the public search API' }).click();
    const send = rate.getByRole('button', { name: 'Send the change request for Rate-limit the public search API' });
    expect(await send.getAttribute('disabled')).not.toBeNull();
    await rate.getByRole('textbox', { name: 'What should change in Rate-limit the public search API' }).fill('R2 needs a limit per IP too.');
    await send.click();
    await rate.getByRole('status').getByText('Changes requested').waitFor();

    await rate.getByRole('button', { name: 'Reject: Rate-limit the public search API' }).click();
    // A blank reason is not sent.
    await rate.getByRole('textbox', { name: 'Why Rate-limit the public search API is rejected' }).press('Enter');
    await rate.getByRole('textbox', { name: 'Why Rate-limit the public search API is rejected' }).fill('Superseded by the gateway limits.');
    await rate.getByRole('textbox', { name: 'Why Rate-limit the public search API is rejected' }).press('Enter');
    await rate.getByRole('status').getByText('Rejected').waitFor();

    expect(panel.requests.map(({ method, params }) => ({ method, params }))).toEqual([
      { method: 'list', params: {} },
      { method: 'open', params: ref },
      { method: 'review', params: ref },
      { method: 'approve', params: ref },
      { method: 'requestChanges', params: { ...ref, comments: 'R2 needs a limit per IP too.' } },
      { method: 'reject', params: { ...ref, reason: 'Superseded by the gateway limits.' } },
    ]);
  });

  it('keeps a row’s elements with its spec when a pushed list reorders the rows', async () => {
    const panel = await open();
    const button = await row(panel, 'Cache search results').getByRole('button', { name: 'Request changes: Cache search results' }).elementHandle();
    if (!button) throw new Error('no Request changes button for "Cache search results"');
    // The host logs an action on the spec, so it becomes the most recently updated and moves to the top.
    const moved = SPECS.map((entry) => (entry.slug === 'search-cache' ? { ...entry, updated: '2026-12-07T10:00:00.000Z' } : entry));
    await panel.emit('specs', { specs: moved, folders: 1 });
    await expect.poll(() => titles(panel)).toEqual(['Cache search results', 'Export the audit log as CSV', 'Rate-limit the public search API', 'Retry billing webhooks', 'draft-notes']);
    // A click aimed before the move lands on the spec it was aimed at.
    await button.click();
    await row(panel, 'Cache search results').getByRole('textbox', { name: 'What should change in Cache search results' }).waitFor();
    expect(await panel.page.locator('.change-form').count()).toBe(1);
  });

  it('shows a refused approval with the gate’s reasons next to the spec', async () => {
    const reasons = ['Threat T2 "SQL injection in order search" is open with critical risk (DREAD 8.8): mitigate it in the spec, or accept it with a reason.'];
    const panel = await open({
      approve: () => {
        throw new RefusedError('"export-audit-log" cannot be approved yet', reasons);
      },
    });
    const audit = row(panel, 'Export the audit log as CSV');
    await audit.getByRole('button', { name: 'Approve: Export the audit log as CSV' }).click();
    const alert = audit.getByRole('alert');
    await alert.waitFor();
    expect(await alert.locator('p').textContent()).toBe('Approve refused: "export-audit-log" cannot be approved yet');
    expect(await alert.getByRole('listitem').allTextContents()).toEqual(reasons);
    expect(panel.requests.at(-1)?.response).toMatchObject({ ok: false, error: { code: 'refused', reasons } });
  });

  it('shows an error reply in the row, and a list that failed in the panel', async () => {
    const panel = await open(
      {
        review: () => {
          throw new Error('no model answered at http://127.0.0.1:11434');
        },
      },
      { expectProblems: true },
    );
    const rate = row(panel, 'Rate-limit the public search API');
    await rate.getByRole('button', { name: 'Run review: Rate-limit the public search API' }).click();
    await rate.getByRole('alert').getByText('Run review failed: no model answered at http://127.0.0.1:11434').waitFor();
    // The buttons are usable again once the request is answered.
    expect(await rate.getByRole('button', { name: 'Run review: Rate-limit the public search API' }).getAttribute('disabled')).toBeNull();
    expect(panel.problems).toEqual([expect.stringMatching(/request "review" #1 failed: Error: no model answered/)]);

    const broken = await openPanel('specs-panel', {
      protocol: SpecsPanelProtocol,
      handlers: {
        ...handlers,
        list: () => {
          throw new Error('.omni/specs/x/events.jsonl:3: not a JSON line');
        },
      },
      expectProblems: true,
    });
    await broken.page.getByRole('alert').getByText('The specs could not be listed: .omni/specs/x/events.jsonl:3: not a JSON line').waitFor();
  });

  it('moves keyboard focus through the rows and into the focused row’s actions', async () => {
    const panel = await open();
    const focused = () => panel.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
    const first = panel.page.locator('li.spec').first();
    // One tab stop for the list: the focused row; the others are reached with the arrow keys.
    expect(await panel.page.locator('li.spec[tabindex="0"]').count()).toBe(1);
    await first.focus();
    await panel.page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/^Rate-limit the public search API; /);
    await panel.page.keyboard.press('End');
    expect(await focused()).toMatch(/^draft-notes; /);
    await panel.page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/^draft-notes; /);
    await panel.page.keyboard.press('Home');
    expect(await focused()).toMatch(/^Export the audit log as CSV; /);
    await panel.page.keyboard.press('ArrowDown');
    await panel.page.keyboard.press('Tab');
    expect(await focused()).toBe('Open: Rate-limit the public search API');
    await panel.page.keyboard.press('Tab');
    expect(await focused()).toBe('Run review: Rate-limit the public search API');
    await panel.page.keyboard.press('Shift+Tab');
    await panel.page.keyboard.press('Shift+Tab');
    expect(await focused()).toMatch(/^Rate-limit the public search API; /);
    const opened = panel.waitForRequest('open');
    await panel.page.keyboard.press('Enter');
    expect((await opened).params).toEqual({ folder: FOLDER, slug: 'rate-limit-search' });
    expect(await panel.page.locator('li.spec[tabindex="0"]').count()).toBe(1);

    // Escape closes a change request form and puts focus back on its row, sending nothing.
    await row(panel, 'Rate-limit the public search API').getByRole('button', { name: 'Request changes: Rate-limit the public search API' }).click();
    const comment = row(panel, 'Rate-limit the public search API').getByRole('textbox', { name: 'What should change in Rate-limit the public search API' });
    await comment.fill('never sent');
    await comment.press('Escape');
    await comment.waitFor({ state: 'detached' });
    expect(await focused()).toMatch(/^Rate-limit the public search API; /);
    expect(panel.requests.map((request) => request.method)).toEqual(['list', 'open']);
  });

  it('updates when the host pushes a new list, and offers Generate Spec when there is none', async () => {
    const panel = await open();
    await panel.emit('specs', { specs: [spec({ slug: 'new-one', title: 'A new spec', phase: 'reviewing', updated: '2026-12-07T10:00:00.000Z' }), ...SPECS], folders: 1 });
    await expect.poll(() => titles(panel)).toEqual(['A new spec', ...TITLES_BY_UPDATE]);
    await panel.emit('specs', { specs: [], folders: 1 });
    await panel.page.getByText('No specs yet.', { exact: false }).waitFor();
    const generated = panel.waitForRequest('generate');
    await panel.page.getByRole('button', { name: 'Generate Spec' }).click();
    expect((await generated).params).toEqual({});
  });

  it('draws high contrast borders around rows and badges and a focus outline on the focused row', async () => {
    const panel = await open({}, { theme: 'high-contrast' });
    const style = (selector: string, property: 'borderTopColor' | 'outlineColor' | 'outlineStyle') =>
      panel.page.locator(selector).first().evaluate((element, name) => getComputedStyle(element)[name], property);
    const contrastBorder = 'rgb(111, 195, 223)';
    expect(await style('li.spec:not(.active)', 'borderTopColor')).toBe(contrastBorder);
    expect(await style('li.spec .phase-badge', 'borderTopColor')).toBe(contrastBorder);
    // The active row uses the contrast active border, orange in the default high contrast theme.
    expect(await style('li.spec.active', 'borderTopColor')).toBe('rgb(243, 133, 24)');
    await panel.page.locator('li.spec').first().focus();
    expect([await style('li.spec:focus', 'outlineStyle'), await style('li.spec:focus', 'outlineColor')]).toEqual(['solid', 'rgb(243, 133, 24)']);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`reads in the ${theme} theme (screenshot for the README)`, async () => {
      const panel = await open(
        {
          approve: () => {
            throw new RefusedError('"export-audit-log" cannot be approved yet', ['Threat T2 "SQL injection in order search" is open with critical risk (DREAD 8.8).']);
          },
        },
        { theme },
      );
      await row(panel, 'Export the audit log as CSV').getByRole('button', { name: 'Approve: Export the audit log as CSV' }).click();
      await row(panel, 'Export the audit log as CSV').getByRole('alert').waitFor();
      expect(await panel.page.evaluate(() => document.body.className)).toBe(`vscode-${theme}`);
      await panel.screenshot(`media/screenshots/webview-specs-panel-${theme}.png`);
    });
  }
});
