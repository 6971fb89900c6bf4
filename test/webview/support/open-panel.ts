import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import { inject, onTestFinished } from 'vitest';
import { z } from 'zod';
import type { EventName, EventPayload, PanelProtocol, PanelState, RequestHandlers } from '../../../src/protocol/webview/define';
import { HostToWebview, WebviewToHost, type ResponseMessage } from '../../../src/protocol/webview/envelope';
import { answerRequest, type CancellationFlag } from '../../../src/extension/webviews/request-dispatch';
import { webviewPage } from '../../../src/extension/webviews/webview-page';
import { browser } from './browser';
import { THEMES, type ThemeName } from './themes';
import { installVsCodeShim } from './vscode-api-shim';

/** Where the panel's files are served from: webview.cspSource in the page's CSP. */
const ORIGIN = 'https://omni-webview.test';

export interface PanelOptions<P extends PanelProtocol> {
  readonly protocol: P;
  /** The host's side, as PanelHost would run it (a thrown RefusedError becomes a `refused` reply). */
  readonly handlers: RequestHandlers<P, CancellationFlag>;
  readonly theme?: ThemeName;
  readonly size?: { readonly width: number; readonly height: number };
  /** The frame's colour behind the page: an editor panel or a side bar view. */
  readonly surface?: 'editor' | 'sideBar';
  /** What VS Code hands back to a restored panel. */
  readonly state?: PanelState<P>;
  /** The test reads `problems` itself; otherwise any problem fails the test when it finishes. */
  readonly expectProblems?: boolean;
}

export interface SeenRequest {
  readonly method: string;
  readonly params: unknown;
  /** Set once the host answered. */
  response?: ResponseMessage;
}

export interface OpenPanel<P extends PanelProtocol> {
  readonly page: Page;
  /** Every request the page sent, in order, with the reply once there is one. */
  readonly requests: readonly SeenRequest[];
  /** Resolves when the page has sent `ready` (again after `reload`). */
  readonly ready: Promise<void>;
  /** Sends an event as PanelHost.post does: validated against the protocol, after ready. */
  emit<N extends EventName<P>>(event: N, payload: EventPayload<P, N>): Promise<void>;
  /** Delivers anything at all as a host message, to test what the page does with bad input. */
  postRaw(message: unknown): Promise<void>;
  /** Resolves with the next request of `method` sent from now on (start waiting before the click). */
  waitForRequest(method: string): Promise<SeenRequest>;
  /** The state the page last saved with setState. */
  readonly savedState: unknown;
  /** The page's console warnings and errors, and the host's warnings (invalid params...). */
  readonly console: readonly string[];
  /**
   * What is wrong whatever the test: uncaught exceptions, CSP violations, requests leaving the
   * page's origin, missing files, invalid messages from the page, handler failures and results
   * outside the protocol. Any of them fails the test unless `expectProblems` is set.
   */
  readonly problems: readonly string[];
  reload(): Promise<void>;
  screenshot(file: string): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.html': 'text/html',
};

/**
 * Opens `dist/webview/<entry>.js` (built for this run) in Chromium, in the page the extension
 * renders (same HTML, same CSP), with VS Code's API and theme stood in for, and the request
 * handlers answering through the extension's own dispatcher. Closed when the test finishes.
 */
export async function openPanel<P extends PanelProtocol>(entry: string, options: PanelOptions<P>): Promise<OpenPanel<P>> {
  const { protocol, handlers } = options;
  const dist = inject('webviewDist');
  if (!existsSync(join(dist, `${entry}.js`))) throw new Error(`No bundle ${entry}.js in ${dist}: is there a webview-ui/${entry}/main.ts?`);
  const theme = THEMES[options.theme ?? 'dark'];
  const context = await (await browser()).newContext({ viewport: options.size ?? { width: 900, height: 700 } });
  const requests: SeenRequest[] = [];
  const consoleLines: string[] = [];
  const problems: string[] = [];
  onTestFinished(async () => {
    await context.close();
    if (problems.length > 0 && !options.expectProblems) throw new Error(`The ${entry} panel had problems:\n${problems.join('\n')}`);
  });
  const page = await context.newPage();
  const requestWaiters: { method: string; resolve: (request: SeenRequest) => void }[] = [];
  let savedState: unknown = options.state;
  let token = { isCancellationRequested: false };
  let markReady: () => void = () => undefined;
  let ready = new Promise<void>((resolve) => (markReady = resolve));
  // As PanelHost does: a request before the page's ready message is refused (and here, a problem).
  let readySeen = false;

  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') consoleLines.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));

  const deliver = async (message: unknown): Promise<void> => {
    try {
      await page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), message);
    } catch (error) {
      // A reply still on its way when the test ends has no page left to reach.
      if (!page.isClosed()) throw error;
    }
  };

  await page.exposeFunction('__omniStateSaved', (state: unknown) => {
    savedState = state;
  });
  await page.exposeFunction('__omniCspViolation', (report: string) => problems.push(`CSP: ${report}`));
  await page.exposeFunction('__omniToHost', async (raw: unknown) => {
    const message = WebviewToHost.safeParse(raw);
    if (!message.success) {
      problems.push(`the page sent an invalid message: ${z.prettifyError(message.error)}`);
      return;
    }
    if (message.data.kind === 'ready') {
      if (message.data.panel !== protocol.panel) problems.push(`ready from panel "${message.data.panel}", expected "${protocol.panel}"`);
      else {
        readySeen = true;
        markReady();
      }
      return;
    }
    if (!readySeen) {
      problems.push(`request "${message.data.method}" arrived before the ready message`);
      await deliver({ kind: 'response', id: message.data.id, ok: false, error: { code: 'invalid-message', message: 'The panel sent a request before it was ready.' } });
      return;
    }
    const seen: SeenRequest = { method: message.data.method, params: message.data.params };
    requests.push(seen);
    for (const waiter of requestWaiters.filter((w) => w.method === seen.method)) {
      requestWaiters.splice(requestWaiters.indexOf(waiter), 1);
      waiter.resolve(seen);
    }
    const pageToken = token;
    const log = { warn: (line: string) => consoleLines.push(`host warning: ${line}`), error: (line: string) => problems.push(`host error: ${line}`) };
    seen.response = await answerRequest(protocol, handlers, message.data, pageToken, log);
    // A reply to a page that has since reloaded would reach request ids that mean something else.
    if (pageToken === token) await deliver(HostToWebview.parse(seen.response));
  });

  const nonce = randomBytes(18).toString('base64');
  const html = webviewPage({
    cspSource: ORIGIN,
    nonce,
    scriptUri: `${ORIGIN}/${entry}.js`,
    styleUri: `${ORIGIN}/${entry}.css`,
    codiconUri: `${ORIGIN}/codicon.css`,
    title: entry,
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) {
      problems.push(`blocked a request to ${url.href}`);
      return route.abort();
    }
    if (url.pathname === '/index.html') return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    const file = normalize(join(dist, url.pathname));
    if (!file.startsWith(dist)) return route.abort();
    try {
      return await route.fulfill({ status: 200, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body: await readFile(file) });
    } catch {
      problems.push(`missing file ${url.pathname}`);
      return route.fulfill({ status: 404, body: '' });
    }
  });
  await page.addInitScript(installVsCodeShim, {
    themeKind: theme.kind,
    themeId: theme.id,
    variables: theme.variables,
    background: options.surface === 'sideBar' ? '--vscode-sideBar-background' : '--vscode-editor-background',
    initialState: options.state,
  });
  await page.goto(`${ORIGIN}/index.html`);

  return {
    page,
    requests,
    get ready() {
      return ready;
    },
    async emit(event, payload) {
      const schema = Object.hasOwn(protocol.events, event) ? protocol.events[event] : undefined;
      if (!schema) throw new Error(`${protocol.panel} has no event "${event}"`);
      schema.parse(payload);
      await ready;
      await deliver(HostToWebview.parse({ kind: 'event', name: event, payload }));
    },
    async postRaw(message) {
      await ready;
      await deliver(message);
    },
    waitForRequest(method) {
      return new Promise((resolve) => requestWaiters.push({ method, resolve }));
    },
    get savedState() {
      return savedState;
    },
    console: consoleLines,
    problems,
    async reload() {
      token.isCancellationRequested = true;
      token = { isCancellationRequested: false };
      readySeen = false;
      ready = new Promise<void>((resolve) => (markReady = resolve));
      await page.reload();
      await ready;
    },
    async screenshot(file) {
      await mkdir(dirname(file), { recursive: true });
      await page.screenshot({ path: file, fullPage: true });
    },
  };
}
