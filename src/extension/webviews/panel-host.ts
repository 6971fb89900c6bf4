import * as vscode from 'vscode';
import { z } from 'zod';
import type { EventName, EventPayload, PanelProtocol, RequestHandlers } from '../../protocol/webview/define';
import { WebviewToHost, type HostToWebview, type RequestMessage } from '../../protocol/webview/envelope';
import { answerRequest } from './request-dispatch';

export { RefusedError } from './request-dispatch';

/** The host side posted something its own protocol does not allow: a bug in the extension. */
export class WebviewProtocolError extends Error {
  override readonly name = 'WebviewProtocolError';
}

/** The two members of a webview the host uses (a WebviewPanel's or a WebviewView's webview). */
export type HostedWebview = Pick<vscode.Webview, 'postMessage' | 'onDidReceiveMessage'>;

/**
 * The extension's end of one panel's protocol. Every arriving message is validated; requests go to
 * the handlers with a cancellation token that fires when the page reloads or the host is disposed;
 * replies from a page that has since reloaded are dropped, since its request ids start again.
 */
export class PanelHost<P extends PanelProtocol> implements vscode.Disposable {
  /** Resolves on the webview's first ready message. */
  readonly ready: Promise<void>;
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** Fires on every ready message: the first load and each reload (send the page its data here). */
  readonly onDidBecomeReady = this.readyEmitter.event;
  private markReady: () => void = () => undefined;
  private markDisposed: () => void = () => undefined;
  private readonly disposed: Promise<void>;
  private isDisposed = false;
  /** The current page load: its requests are cancelled when it goes. */
  private page: vscode.CancellationTokenSource | undefined;
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly webview: HostedWebview,
    private readonly protocol: P,
    private readonly handlers: RequestHandlers<P, vscode.CancellationToken>,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.disposed = new Promise((resolve) => (this.markDisposed = resolve));
    this.listener = webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
  }

  /** Sends an event once the page is ready; the payload is checked against the protocol first. */
  async post<N extends EventName<P>>(event: N, payload: EventPayload<P, N>): Promise<void> {
    const schema = Object.hasOwn(this.protocol.events, event) ? this.protocol.events[event] : undefined;
    if (!schema) throw new WebviewProtocolError(`${this.protocol.panel}: no event "${event}" in the protocol`);
    const checked = schema.safeParse(payload);
    if (!checked.success) throw new WebviewProtocolError(`${this.protocol.panel}: invalid "${event}" payload: ${z.prettifyError(checked.error)}`);
    await Promise.race([this.ready, this.disposed]);
    if (this.isDisposed) return;
    await this.send({ kind: 'event', name: event, payload });
  }

  dispose(): void {
    this.isDisposed = true;
    this.markDisposed();
    this.page?.cancel();
    this.page?.dispose();
    this.page = undefined;
    this.listener.dispose();
    this.readyEmitter.dispose();
  }

  private receive(raw: unknown): void {
    if (this.isDisposed) return;
    const message = WebviewToHost.safeParse(raw);
    if (!message.success) {
      this.output.warn(`${this.protocol.panel}: dropped an invalid message from the webview: ${z.prettifyError(message.error)}`);
      const id = requestId(raw);
      if (id !== undefined) void this.send({ kind: 'response', id, ok: false, error: { code: 'invalid-message', message: 'The extension could not read this request.' } });
      return;
    }
    if (message.data.kind === 'request') {
      void this.answer(message.data);
      return;
    }
    if (message.data.panel !== this.protocol.panel) {
      this.output.warn(`${this.protocol.panel}: dropped a ready message from panel "${message.data.panel}"`);
      return;
    }
    this.page?.cancel();
    this.page?.dispose();
    this.page = new vscode.CancellationTokenSource();
    this.output.trace(`${this.protocol.panel}: webview ready`);
    this.markReady();
    this.readyEmitter.fire();
  }

  private async answer(request: RequestMessage): Promise<void> {
    const page = this.page;
    if (!page) {
      this.output.warn(`${this.protocol.panel}: request "${request.method}" arrived before the ready message`);
      await this.send({ kind: 'response', id: request.id, ok: false, error: { code: 'invalid-message', message: 'The panel sent a request before it was ready.' } });
      return;
    }
    const started = performance.now();
    const response = await answerRequest(this.protocol, this.handlers, request, page.token, this.output);
    const outcome = response.ok ? 'ok' : response.error.code;
    this.output.trace(`${this.protocol.panel}: ${request.method} #${request.id} ${outcome} in ${(performance.now() - started).toFixed(1)} ms`);
    if (page !== this.page) return;
    await this.send(response);
  }

  private async send(message: HostToWebview): Promise<void> {
    try {
      await this.webview.postMessage(message);
    } catch (error) {
      // The webview went away between the check and the post; nothing is waiting for the message.
      this.output.trace(`${this.protocol.panel}: message not delivered: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** The id of something shaped like a request, so even an unreadable one gets its error reply. */
function requestId(raw: unknown): number | undefined {
  const parsed = z.object({ kind: z.literal('request'), id: z.number().int().nonnegative() }).safeParse(raw);
  return parsed.success ? parsed.data.id : undefined;
}
