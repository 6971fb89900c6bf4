import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { SpecFolder } from '../../src/core/agents/spec-workspace';
import { SpecDraft } from '../../src/core/schemas/spec-draft';
import { addComment, deleteComment, openComments, readSpecComments, reopenComment, resolveComment, updateSpecComments } from '../../src/core/specs/comments';
import { printSpec } from '../../src/core/specs/print-spec';
import { diffRevisions, readSpecRevision } from '../../src/core/specs/revisions';
import { parseSpec } from '../../src/core/specs/spec-file';
import { specHash } from '../../src/core/specs/spec-hash';
import type { RequestHandlers } from '../../src/protocol/webview/define';
import { RefusedError, type CancellationFlag } from '../../src/extension/webviews/request-dispatch';
import { commentView, specViewUpdate } from '../../src/extension/webviews/spec-view/spec-snapshot';
import { SpecViewProtocol, type SpecViewUpdate } from '../../src/protocol/webview/spec-view';
import { nodeSpecWorkspace } from '../../src/node/specs/node-spec-workspace';
import { openPanel } from './support/open-panel';

type Handlers = RequestHandlers<typeof SpecViewProtocol, CancellationFlag>;

const TASK_ID = '6f1c2a43-9a53-4d1e-8d7e-0d6f8f3b2a11';

async function draft(name: string): Promise<SpecDraft> {
  return SpecDraft.parse(JSON.parse(await readFile(`test/fixtures/agents/${name}.json`, 'utf8')));
}

/** A spec folder on disk with two agent revisions (the draft, then the revision), as the pipeline leaves it. */
async function specOnDisk(edit: (text: string) => string = (text) => text): Promise<{ root: string; folder: SpecFolder; uri: string }> {
  const root = await mkdtemp(join(tmpdir(), 'omni-spec-view-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  const folder = await nodeSpecWorkspace(root).create('Rate-limit the public API');
  for (const name of ['draft', 'revised']) {
    const text = printSpec(await draft(name), { taskId: TASK_ID, status: 'in_review' });
    await folder.writeSpec(text);
    await folder.writeBase(text);
  }
  await folder.writeSpec(edit((await folder.readSpec()) ?? ''));
  return { root, folder, uri: `file://${folder.specPath}` };
}

async function snapshot(folder: SpecFolder, uri: string): Promise<SpecViewUpdate> {
  return specViewUpdate(folder, uri, (message) => {
    throw new Error(message);
  });
}

/** The host's handlers over the real files, as the extension's are; reveals and links are recorded instead of opening an editor. */
function handlersFor(folder: SpecFolder, refresh: () => Promise<void>, overrides: Partial<Handlers> = {}): Handlers {
  const at = '2026-12-06T23:00:00.000Z';
  const change = async (apply: Parameters<typeof updateSpecComments>[1]): Promise<null> => {
    await updateSpecComments(folder, apply);
    await refresh();
    return null;
  };
  return {
    async addComment({ anchor, body }) {
      const comment = await updateSpecComments(folder, (file) => {
        const added = addComment(file, { anchor, body, author: 'ana', at });
        return { file: added.file, result: added.comment };
      });
      await refresh();
      const text = (await folder.readSpec()) ?? '';
      return commentView(comment, parseSpec(text, folder.specPath), await specHash(text));
    },
    resolveComment: ({ id }) => change((file) => ({ file: resolveComment(file, id, { author: 'ana', at }), result: undefined })),
    reopenComment: ({ id }) => change((file) => ({ file: reopenComment(file, id), result: undefined })),
    deleteComment: ({ id }) => change((file) => ({ file: deleteComment(file, id), result: undefined })),
    refine: () => {
      throw new Error('not expected in this test');
    },
    reveal: () => null,
    openLink: () => null,
    diff: async ({ from, to }) => diffRevisions(await readSpecRevision(folder, from), await readSpecRevision(folder, to)),
    openReview: () => null,
    ...overrides,
  };
}

async function open(options: { theme?: 'light' | 'dark' | 'high-contrast'; edit?: (text: string) => string; overrides?: (folder: SpecFolder) => Partial<Handlers>; expectProblems?: boolean } = {}) {
  const { folder, uri, root } = await specOnDisk(options.edit);
  let emit: (update: SpecViewUpdate) => Promise<void> = async () => undefined;
  const refresh = async (): Promise<void> => emit(await snapshot(folder, uri));
  const panel = await openPanel('spec-view', {
    protocol: SpecViewProtocol,
    handlers: handlersFor(folder, refresh, options.overrides?.(folder)),
    theme: options.theme ?? 'dark',
    size: { width: 1000, height: 900 },
    ...(options.expectProblems ? { expectProblems: true } : {}),
  });
  emit = (update) => panel.emit('update', update);
  await refresh();
  await panel.page.getByRole('heading', { level: 1 }).waitFor();
  return { panel, folder, uri, root, refresh };
}

describe('the spec view in Chromium', () => {
  it('renders the spec by section with its summary and the ten-point checklist, and keeps the spec for a reload', async () => {
    const { panel, uri } = await open();
    const { page } = panel;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Rate-limit the public API');
    const sections = await page.locator('section.spec-section h2').allTextContents();
    expect(sections).toEqual(['Requirements', 'Constraints', 'Data Models', 'API Contracts', 'Error Taxonomy', 'Security Considerations', 'Testing Strategy', 'Architecture Decision', 'Dependencies', 'Rollback Plan']);
    const summary = page.getByLabel('Spec summary');
    expect(await summary.textContent()).toContain('in review');
    expect(await summary.textContent()).toContain('not approved');
    expect(await page.locator('.checklist > ol > li').count()).toBe(10);
    expect(await page.locator('#checklist-title').textContent()).toBe('Completeness: 10 of 10 checks pass');
    // Requirements render as markdown: R3 of the revision is a heading of its own.
    await page.locator('section[data-section="requirements"] h4', { hasText: 'R3:' }).waitFor();
    expect(panel.savedState).toEqual({ specUri: uri });
    await panel.screenshot('media/screenshots/webview-spec-view-dark.png');
  });

  it('reads in the light theme, with a comment and a diff on the page', async () => {
    const { panel, folder, refresh } = await open({ theme: 'light' });
    expect(await panel.page.evaluate(() => document.body.className)).toBe('vscode-light');
    await updateSpecComments(folder, (file) => ({ file: addComment(file, { anchor: { kind: 'requirement', id: 'R1' }, body: 'Is the limit per API key or per IP?', author: 'ana', at: '2026-12-06T23:00:00.000Z', specSha256: '0'.repeat(64) }).file, result: undefined }));
    await refresh();
    const comment = panel.page.locator('li[data-comment="c1"]');
    await comment.waitFor();
    expect(await comment.locator('.outdated').textContent()).toBe('written on an earlier version of the spec');
    await panel.page.getByRole('form', { name: 'Compare two revisions' }).getByLabel('From').selectOption('1');
    await panel.page.getByRole('button', { name: 'Compare' }).click();
    await panel.page.locator('table.diff').waitFor();
    await panel.screenshot('media/screenshots/webview-spec-view-light.png');
  });

  it('shows raw HTML in a spec as text and sends links to the host instead of following them', async () => {
    const { panel } = await open({
      edit: (text) => text.replace('## Rollback Plan\n', '## Rollback Plan\n\n<img src="x" onerror="alert(1)"> <script>alert(2)</script> See [the runbook](https://example.com/runbook) and [a note](../notes.md).\n'),
    });
    const { page } = panel;
    const rollback = page.locator('section[data-section="rollbackPlan"]');
    expect(await rollback.locator('img, script').count()).toBe(0);
    expect(await rollback.textContent()).toContain('<img src="x" onerror="alert(1)">');
    const opened = panel.waitForRequest('openLink');
    await rollback.getByRole('link', { name: 'the runbook' }).click();
    expect((await opened).params).toEqual({ href: 'https://example.com/runbook' });
    expect(page.url()).toBe('https://omni-webview.test/index.html');
    const note = panel.waitForRequest('openLink');
    await rollback.getByRole('link', { name: 'a note' }).focus();
    await page.keyboard.press('Enter');
    expect((await note).params).toEqual({ href: '../notes.md' });
  });

  it('lists each failing check with its problems, and a click reveals the line in the editor', async () => {
    const { panel, folder } = await open({ edit: (text) => text.replace(/## Rollback Plan\n\n[^\n]+/, '## Rollback Plan\n\nTBD') });
    const { page } = panel;
    const spec = parseSpec((await folder.readSpec()) ?? '', folder.specPath);
    const rollbackLine = spec.section('rollbackPlan')?.bodyLine;
    expect(await page.locator('#checklist-title').textContent()).toMatch(/^Completeness: [0-9] of 10 checks pass$/);
    const failing = page.locator('.checklist li.failed');
    expect(await failing.count()).toBeGreaterThan(0);
    const revealed = panel.waitForRequest('reveal');
    await page.locator('.checklist').getByRole('button', { name: new RegExp(`^Line ${rollbackLine}: `) }).first().click();
    expect((await revealed).params).toEqual({ line: rollbackLine });
  });

  it('adds a comment on a requirement with the right request, shows it, and resolves and deletes it', async () => {
    const { panel, folder } = await open();
    const { page } = panel;
    await page.getByRole('button', { name: 'Comment on Requirements' }).click();
    const form = page.getByRole('form', { name: 'New comment' });
    await form.getByLabel('What the comment is about').selectOption({ label: 'R2' });
    await form.getByLabel('Comment text').fill('Which header carries the limit?');
    const added = panel.waitForRequest('addComment');
    await form.getByLabel('Comment text').press('Control+Enter');
    expect((await added).params).toEqual({ anchor: { kind: 'requirement', id: 'R2' }, body: 'Which header carries the limit?' });
    const comment = page.locator('section[data-section="requirements"] li[data-comment="c1"]');
    await comment.waitFor();
    expect(await comment.textContent()).toContain('Which header carries the limit?');
    expect(await page.getByRole('button', { name: /^Refine: send 1 open comment/ }).isDisabled()).toBe(false);
    expect(await page.getByRole('status').first().textContent()).toContain('Comment c1 added on R2');

    await comment.getByRole('button', { name: 'Resolve comment c1' }).click();
    await comment.getByRole('button', { name: 'Reopen comment c1' }).waitFor();
    expect((await readSpecComments(folder)).comments[0]).toMatchObject({ status: 'resolved', resolved_by: 'ana' });
    await comment.getByRole('button', { name: 'Delete comment c1' }).click();
    await comment.waitFor({ state: 'detached' });
    expect((await readSpecComments(folder)).comments).toEqual([]);
  });

  it('Refine asks the host to send the open comments, shows its progress and the outcome, and is off without open comments', async () => {
    let release: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (release = resolve));
    const { panel, folder, refresh } = await open({
      overrides: (folder) => ({
        // The extension's refine runs the Architect (tested in test/unit/specview/refine.test.ts); this one answers the open comments from the real file.
        async refine() {
          const ids = openComments(await readSpecComments(folder)).map((comment) => comment.id);
          await panel.emit('progress', { step: 'refine', message: `The Architect is answering ${ids.length} comments` });
          await answered;
          await updateSpecComments(folder, (file) => ({ file: ids.reduce((next, id) => resolveComment(next, id, { author: 'architect', at: '2026-12-06T23:01:00.000Z' }), file), result: undefined }));
          await refresh();
          return { phase: 'awaiting-approval', answered: ids, reasons: [], overall: 9 };
        },
      }),
    });
    const { page } = panel;
    expect(await page.getByRole('button', { name: /^Refine: send 0 open comments/ }).isDisabled()).toBe(true);
    for (const [anchor, body] of [
      [{ kind: 'section', section: 'Constraints' }, 'Say what happens when the client map is full.'],
      [{ kind: 'requirement', id: 'R1' }, 'Per API key or per IP?'],
    ] as const) {
      await updateSpecComments(folder, (file) => ({ file: addComment(file, { anchor, body, author: 'ana', at: '2026-12-06T23:00:00.000Z' }).file, result: undefined }));
    }
    await refresh();
    const refine = page.getByRole('button', { name: /^Refine: send 2 open comments to the Architect/ });
    await refine.waitFor();
    const sent = panel.waitForRequest('refine');
    await refine.click();
    expect((await sent).params).toEqual({});
    await page.getByText('The Architect is answering 2 comments').waitFor();
    expect(await page.locator('main').getAttribute('aria-busy')).toBe('true');
    release();
    await page.getByText('Refined: the Architect answered c1, c2; the spec is now awaiting-approval, overall 9.').waitFor();
    expect(await page.locator('li.comment.resolved').count()).toBe(2);
    expect(await page.getByRole('button', { name: /^Refine: send 0 open comments/ }).isDisabled()).toBe(true);
  });

  it('shows a refusal with its reasons, and a failure, without losing the spec', async () => {
    const { panel } = await open({
      expectProblems: true,
      overrides: () => ({
        addComment: () => {
          throw new RefusedError('comments.json cannot be changed.', ['/repo/.omni/specs/x/comments.json: comments.0.id: expected an id like c12']);
        },
        diff: () => {
          throw new Error('spec "x" has no revision 7');
        },
      }),
    });
    const { page } = panel;
    await page.getByRole('button', { name: 'Comment on the whole spec' }).click();
    await page.getByLabel('Comment text').fill('Too vague.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('comments.json cannot be changed.');
    expect(await alert.getByRole('listitem').allTextContents()).toEqual(['/repo/.omni/specs/x/comments.json: comments.0.id: expected an id like c12']);
    await page.getByRole('button', { name: 'Dismiss the error' }).click();
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('alert').getByText('spec "x" has no revision 7').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Rate-limit the public API');
    expect(panel.problems).toEqual([expect.stringMatching(/request "diff" #\d+ failed: Error: spec "x" has no revision 7/)]);
  });

  it('shows a spec.md that does not parse with each problem linked to its line, and a broken comments.json by path', async () => {
    const { panel, folder, uri, root } = await open();
    const comments = join(root, '.omni/specs', folder.slug, 'comments.json');
    await writeFile(comments, '{"version": 3}');
    await panel.emit('update', await snapshot(folder, uri));
    await panel.page.getByText(`Fix ${comments} by hand`).waitFor();
    expect(await panel.page.getByRole('button', { name: 'Comment on the whole spec' }).isDisabled()).toBe(true);

    await folder.writeSpec(((await folder.readSpec()) ?? '').replace(/^complexity: .*$/m, 'complexity: enormous'));
    await panel.emit('update', await snapshot(folder, uri));
    const problem = panel.page.locator('.parse-failure').getByRole('button', { name: /complexity/ });
    await problem.waitFor();
    const revealed = panel.waitForRequest('reveal');
    await problem.click();
    const line = ((await folder.readSpec()) ?? '').split('\n').findIndex((text) => text.startsWith('complexity:')) + 1;
    expect((await revealed).params).toEqual({ line });
  });

  it('compares two revisions and shows the changed lines', async () => {
    const { panel } = await open();
    const { page } = panel;
    const picker = page.getByRole('form', { name: 'Compare two revisions' });
    await picker.getByLabel('From').selectOption('1');
    await picker.getByLabel('To').selectOption('2');
    const asked = panel.waitForRequest('diff');
    await picker.getByRole('button', { name: 'Compare' }).click();
    expect((await asked).params).toEqual({ from: 1, to: 2 });
    const table = page.getByRole('table', { name: /^Changes from revision 1 to revision 2: \d+ lines? added, \d+ removed$/ });
    await table.waitFor();
    const added = await table.locator('tr.added td.text').allTextContents();
    expect(added.some((text) => text.startsWith('#### R3:'))).toBe(true);
    expect(added.some((text) => text.includes('Evictions are counted'))).toBe(true);
    expect(await table.locator('tr.removed').count()).toBeGreaterThan(0);

    const layout = page.getByRole('group', { name: 'Diff layout' });
    await layout.getByRole('button', { name: 'Side by side' }).click();
    expect(await layout.getByRole('button', { name: 'Side by side' }).getAttribute('aria-pressed')).toBe('true');
    const sideBySide = page.getByRole('table', { name: /^Changes from revision 1 to revision 2, side by side: / });
    await sideBySide.waitFor();
    // The changed decision sits beside its new text: removed on the left, added on the right of one row.
    const changed = sideBySide.locator('tr.diff-row', { has: page.locator('td.text.removed') });
    expect(await changed.locator('td.text.removed').textContent()).toContain('removed: A fixed-window counter');
    expect(await changed.locator('td.text.added').textContent()).toContain('Evictions are counted');
    // The new requirement R3 has no old line beside it.
    const onlyNew = sideBySide.locator('tr.diff-row', { has: page.locator('td.text.added', { hasText: '#### R3:' }) });
    expect(await onlyNew.locator('td.text.empty').count()).toBe(1);
  });
});
