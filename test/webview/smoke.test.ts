import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../src/extension/webviews/request-dispatch';
import { harnessProtocol } from './fixtures/harness-fixture/protocol';
import { openPanel } from './support/open-panel';

const handlers = {
  echo: ({ text }: { text: string }) => ({ text: text.toUpperCase() }),
  hello: () => ({ text: 'hello from the host' }),
  approve: () => ({ approved: true }),
};

describe('the webview harness and host client', () => {
  it('loads the bundle under the extension’s CSP and hears the ready handshake', async () => {
    const panel = await openPanel('harness-fixture', { protocol: harnessProtocol, handlers });
    await panel.ready;
    // vscode-elements rendered its shadow DOM and the codicon font loaded, all within the CSP.
    await expect(panel.page.getByRole('button', { name: 'Echo' }).isVisible()).resolves.toBe(true);
    await panel.page.evaluate(() => document.fonts.ready);
    expect(await panel.page.evaluate(() => document.fonts.check('16px codicon'))).toBe(true);
    expect(await panel.page.evaluate(() => document.body.className)).toBe('vscode-dark');
    expect(panel.problems).toEqual([]);
  });

  it('names the missing bundle when a panel has no entry', async () => {
    await expect(openPanel('no-such-panel', { protocol: harnessProtocol, handlers })).rejects.toThrow(/No bundle no-such-panel\.js in .*: is there a webview-ui\/no-such-panel\/main\.ts\?/);
  });

  it('renders every shared vscode-element under the CSP, in each theme', async () => {
    const tags = [...(await readFile('webview-ui/shared/elements.ts', 'utf8')).matchAll(/dist\/(vscode-[a-z-]+)\/index\.js/g)].map((match) => match[1]);
    expect(tags).toHaveLength(21);
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const panel = await openPanel('harness-fixture', { protocol: harnessProtocol, handlers, theme });
      await panel.ready;
      const missing = await panel.page.evaluate((names) => names.filter((name) => !customElements.get(name ?? '') || !document.querySelector(name ?? '')?.shadowRoot), tags);
      expect(missing).toEqual([]);
      await panel.page.getByRole('combobox', { name: 'Risk' }).click();
      await panel.page.getByRole('option', { name: 'low' }).click();
      await panel.page.getByRole('tab', { name: 'Second' }).click();
      await panel.page.getByText('Second panel').waitFor();
      expect(panel.problems).toEqual([]);
    }
  });

  it('sends a request and shows the validated result, under the request’s id', async () => {
    const panel = await openPanel('harness-fixture', { protocol: harnessProtocol, handlers });
    await panel.ready;
    const echoed = panel.waitForRequest('echo');
    await panel.page.getByRole('button', { name: 'Echo' }).click();
    expect((await echoed).params).toEqual({ text: 'echo 1' });
    await panel.page.getByText('ECHO 1').waitFor();
    expect(panel.requests.filter((request) => request.method === 'echo').map((request) => request.response)).toEqual([{ kind: 'response', id: 1, ok: true, result: { text: 'ECHO 1' } }]);
  });

  it('holds a request made straight after connect() until the ready message has gone out', async () => {
    const panel = await openPanel('harness-fixture', { protocol: harnessProtocol, handlers });
    await panel.ready;
    await panel.page.getByText('hello from the host').waitFor();
    expect(panel.requests.map((request) => request.method)).toContain('hello');
    expect(panel.problems).toEqual([]);
  });

  it('drops a host message that breaks the protocol, with a warning, and keeps working', async () => {
    const panel = await openPanel('harness-fixture', { protocol: harnessProtocol, handlers });
    await panel.postRaw({ kind: 'event', name: 'greeting', payload: { text: 42 } });
    await panel.postRaw({ kind: 'event', name: 'no-such-event', payload: {} });
    await panel.postRaw({ kind: 'command', run: 'rm -rf /' });
    await panel.emit('greeting', { text: 'Hello from the host' });
    await panel.page.getByRole('status').getByText('Hello from the host').waitFor();
    expect(panel.console).toEqual([
      expect.stringMatching(/^warning: \[harness-fixture\] dropped event "greeting": .*text/s),
      expect.stringMatching(/^warning: \[harness-fixture\] dropped event "no-such-event": not in the protocol/),
      expect.stringMatching(/^warning: \[harness-fixture\] dropped an invalid message from the extension/),
    ]);
  });

  it('shows a refusal with its reasons', async () => {
    const panel = await openPanel('harness-fixture', {
      protocol: harnessProtocol,
      handlers: {
        ...handlers,
        approve: () => {
          throw new RefusedError('The gates say no.', ['T2 (high): no mitigation', 'the review is older than the spec']);
        },
      },
    });
    await panel.ready;
    await panel.page.getByRole('button', { name: 'Approve' }).click();
    const alert = panel.page.getByRole('alert').filter({ hasText: 'refused' });
    await alert.waitFor();
    expect(await alert.getByRole('listitem').allTextContents()).toEqual(['T2 (high): no mitigation', 'the review is older than the spec']);
    expect(await alert.textContent()).toContain('refused: The gates say no.');
  });

  it('shows a handler failure as failed, and the harness reports it as a problem', async () => {
    const panel = await openPanel('harness-fixture', {
      protocol: harnessProtocol,
      expectProblems: true,
      handlers: {
        ...handlers,
        approve: () => {
          throw new Error('spec.md changed on disk');
        },
      },
    });
    await panel.ready;
    await panel.page.getByRole('button', { name: 'Approve' }).click();
    await panel.page.getByRole('alert').getByText('failed: spec.md changed on disk').waitFor();
    expect(panel.problems).toEqual([expect.stringMatching(/^host error: harness-fixture: request "approve" #1 failed: Error: spec.md changed on disk/)]);
  });

  it('keeps the state the page saved across a reload, and answers the reloaded page', async () => {
    const panel = await openPanel('harness-fixture', { protocol: harnessProtocol, handlers, theme: 'light' });
    await panel.ready;
    await panel.page.getByRole('button', { name: 'Echo' }).click();
    await panel.page.getByText('ECHO 1').waitFor();
    expect(panel.savedState).toEqual({ echoes: 1 });
    await panel.reload();
    expect(await panel.page.locator('#echoes').textContent()).toBe('1');
    await panel.page.getByRole('button', { name: 'Echo' }).click();
    await panel.page.getByText('ECHO 2').waitFor();
    expect(panel.savedState).toEqual({ echoes: 2 });
  });

  it('starts a restored panel from the state VS Code hands back', async () => {
    const panel = await openPanel('harness-fixture', { protocol: harnessProtocol, handlers, theme: 'high-contrast', state: { echoes: 5 } });
    await panel.ready;
    expect(await panel.page.locator('#echoes').textContent()).toBe('5');
    expect(await panel.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--vscode-contrastBorder'))).toBe('#6fc3df');
  });
});
