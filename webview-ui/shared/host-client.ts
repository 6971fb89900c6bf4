import { z } from 'zod';
import type { EventData, EventName, PanelProtocol, PanelState, RequestMethod, RequestParams, RequestResult } from '../../src/protocol/webview/define';
import { HostToWebview, type ResponseMessage, type WebviewErrorCode, type WebviewToHost } from '../../src/protocol/webview/envelope';

/** What VS Code gives a webview page, once (a second acquireVsCodeApi call throws). */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

/** A request the host answered with an error: `refused` carries the reasons a gate said no. */
export class HostRequestError extends Error {
  override readonly name = 'HostRequestError';
  constructor(
    readonly code: WebviewErrorCode,
    message: string,
    readonly reasons: readonly string[] = [],
  ) {
    super(message);
  }
}

export interface HostClient<P extends PanelProtocol> {
  /** Asks the host; resolves with the validated result, rejects with a HostRequestError. */
  request<M extends RequestMethod<P>>(method: M, params: RequestParams<P, M>): Promise<RequestResult<P, M>>;
  /** Listens to a host event; returns the function that stops listening. */
  on<N extends EventName<P>>(event: N, handler: (payload: EventData<P, N>) => void): () => void;
  /** What the page saved before a reload or restart, if it still matches the protocol's state schema. */
  readonly state: PanelState<P> | undefined;
  setState(state: PanelState<P>): void;
}

interface Pending {
  readonly method: string;
  resolve(result: unknown): void;
  reject(error: HostRequestError): void;
}

type Listener = (payload: unknown) => void;

let connected = false;

/**
 * Connects this page to the extension with the panel's protocol. Call once per page: VS Code hands
 * out its API only once. The ready message goes out after the caller's synchronous `on` calls, requests
 * made before it follow it, and events that arrive before their first listener are kept for it.
 */
export function connect<P extends PanelProtocol>(protocol: P): HostClient<P> {
  if (connected) throw new Error('connect() was already called on this page: VS Code gives the API to one caller only');
  connected = true;
  const vscode = acquireVsCodeApi();
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<Listener>>();
  const unheard = new Map<string, unknown[]>();
  let nextId = 0;
  // Requests made before the ready message (right after connect()) wait for it: the host answers nothing earlier.
  let early: WebviewToHost[] | undefined = [];
  const send = (message: WebviewToHost): void => {
    if (early) early.push(message);
    else vscode.postMessage(message);
  };

  const settle = (response: ResponseMessage): void => {
    const request = pending.get(response.id);
    if (!request) {
      console.warn(`[${protocol.panel}] dropped a response to unknown request #${response.id}`);
      return;
    }
    pending.delete(response.id);
    if (!response.ok) {
      request.reject(new HostRequestError(response.error.code, response.error.message, response.error.reasons));
      return;
    }
    const result = protocol.requests[request.method]?.result.safeParse(response.result);
    if (result?.success) request.resolve(result.data);
    else request.reject(new HostRequestError('invalid-message', `The extension's answer to "${request.method}" does not match the protocol${result ? `: ${z.prettifyError(result.error)}` : ''}`));
  };

  const deliver = (name: string, raw: unknown): void => {
    const schema = Object.hasOwn(protocol.events, name) ? protocol.events[name] : undefined;
    const payload = schema?.safeParse(raw);
    if (!payload?.success) {
      console.warn(`[${protocol.panel}] dropped event "${name}": ${payload ? z.prettifyError(payload.error) : 'not in the protocol'}`);
      return;
    }
    const handlers = listeners.get(name);
    if (handlers?.size) for (const handler of [...handlers]) handler(payload.data);
    else unheard.set(name, [...(unheard.get(name) ?? []), payload.data]);
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = HostToWebview.safeParse(event.data);
    if (!message.success) {
      console.warn(`[${protocol.panel}] dropped an invalid message from the extension: ${z.prettifyError(message.error)}`);
      return;
    }
    if (message.data.kind === 'response') settle(message.data);
    else deliver(message.data.name, message.data.payload);
  });
  queueMicrotask(() => {
    vscode.postMessage({ kind: 'ready', panel: protocol.panel });
    const waiting = early ?? [];
    early = undefined;
    for (const message of waiting) vscode.postMessage(message);
  });

  return {
    request<M extends RequestMethod<P>>(method: M, params: RequestParams<P, M>): Promise<RequestResult<P, M>> {
      const id = nextId++;
      return new Promise<RequestResult<P, M>>((resolve, reject) => {
        // The result was parsed with this method's result schema in `settle`.
        pending.set(id, { method, resolve: (result) => resolve(result as RequestResult<P, M>), reject });
        send({ kind: 'request', id, method, params });
      });
    },
    on<N extends EventName<P>>(event: N, handler: (payload: EventData<P, N>) => void): () => void {
      // Payloads reach a listener only after passing this event's schema in `deliver`.
      const listener = handler as Listener;
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set.add(listener));
      const early = unheard.get(event) ?? [];
      unheard.delete(event);
      for (const payload of early) listener(payload);
      return () => set.delete(listener);
    },
    get state(): PanelState<P> | undefined {
      const saved = vscode.getState();
      if (saved === undefined || saved === null || !protocol.state) return (saved ?? undefined) as PanelState<P> | undefined;
      const parsed = protocol.state.safeParse(saved);
      if (parsed.success) return parsed.data as PanelState<P>;
      console.warn(`[${protocol.panel}] ignored saved state that no longer matches: ${z.prettifyError(parsed.error)}`);
      return undefined;
    },
    setState(state: PanelState<P>): void {
      vscode.setState(state);
    },
  };
}
