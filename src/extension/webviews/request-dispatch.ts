import { z } from 'zod';
import type { PanelProtocol, RequestHandlers } from '../../protocol/webview/define';
import type { RequestMessage, ResponseMessage, WebviewError } from '../../protocol/webview/envelope';

/**
 * Answers one webview request: validates params, runs the handler, validates its result, and turns
 * every failure into a typed error reply. Free of `vscode` so the browser test harness answers
 * requests with this very code.
 */

/** A handler throws this when a gate says no; the webview receives the reasons to show. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
  constructor(
    message: string,
    readonly reasons: readonly string[],
  ) {
    super(message);
  }
}

/** The part of a cancellation token the dispatcher reads (vscode.CancellationToken has it). */
export interface CancellationFlag {
  readonly isCancellationRequested: boolean;
}

export interface DispatchLog {
  warn(message: string): void;
  error(message: string): void;
}

type LooseHandler<T> = (params: unknown, token: T) => unknown;

export async function answerRequest<P extends PanelProtocol, T extends CancellationFlag>(
  protocol: P,
  handlers: RequestHandlers<P, T>,
  request: RequestMessage,
  token: T,
  log: DispatchLog,
): Promise<ResponseMessage> {
  const fail = (error: WebviewError): ResponseMessage => ({ kind: 'response', id: request.id, ok: false, error });
  const where = `${protocol.panel}: request "${request.method}" #${request.id}`;
  const spec = Object.hasOwn(protocol.requests, request.method) ? protocol.requests[request.method] : undefined;
  // Handlers are typed per method by RequestHandlers; looked up by a runtime string they lose that.
  const handler = (handlers as Readonly<Record<string, LooseHandler<T> | undefined>>)[request.method];
  if (!spec || !handler) {
    log.warn(`${where}: no such request`);
    return fail({ code: 'not-found', message: `The ${protocol.panel} panel has no request "${request.method}".` });
  }
  const params = spec.params.safeParse(request.params);
  if (!params.success) {
    log.warn(`${where}: invalid params: ${z.prettifyError(params.error)}`);
    return fail({ code: 'invalid-message', message: `Invalid params for "${request.method}": ${z.prettifyError(params.error)}` });
  }
  let result: unknown;
  try {
    result = await handler(params.data, token);
  } catch (error) {
    if (error instanceof RefusedError) return fail({ code: 'refused', message: error.message, reasons: [...error.reasons] });
    if (token.isCancellationRequested) return fail({ code: 'cancelled', message: `"${request.method}" was cancelled.` });
    log.error(`${where} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fail({ code: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
  const checked = spec.result.safeParse(result);
  if (!checked.success) {
    log.error(`${where}: the handler's result does not match the protocol: ${z.prettifyError(checked.error)}`);
    return fail({ code: 'failed', message: `The extension answered "${request.method}" with data the panel cannot read.` });
  }
  return { kind: 'response', id: request.id, ok: true, result };
}
