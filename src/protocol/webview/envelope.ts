import { z } from 'zod';

/**
 * The envelopes every message between the extension and a webview travels in. Both sides parse
 * each arriving message with these schemas before looking inside; what fails is dropped (and, for
 * a request, answered with an `invalid-message` error) rather than trusted.
 */

/** Webview -> host, once its listeners are installed: the host sends nothing before it. */
export const ReadyMessage = z.object({ kind: z.literal('ready'), panel: z.string().min(1) }).strict();
export type ReadyMessage = z.infer<typeof ReadyMessage>;

/** Webview -> host. Ids are chosen by the webview and unique per page load. */
export const RequestMessage = z
  .object({ kind: z.literal('request'), id: z.number().int().nonnegative(), method: z.string().min(1), params: z.unknown() })
  .strict();
export type RequestMessage = z.infer<typeof RequestMessage>;

export const WebviewErrorCode = z.enum(['invalid-message', 'refused', 'not-found', 'failed', 'cancelled']);
export type WebviewErrorCode = z.infer<typeof WebviewErrorCode>;

/** A request's typed failure: `refused` carries the reasons a gate said no, for the user to read. */
export const WebviewError = z
  .object({ code: WebviewErrorCode, message: z.string(), reasons: z.array(z.string()).optional() })
  .strict();
export type WebviewError = z.infer<typeof WebviewError>;

const ResponseId = z.number().int().nonnegative();

/** Host -> webview, exactly one per request, carrying the request's id. */
export const ResponseMessage = z.discriminatedUnion('ok', [
  z.object({ kind: z.literal('response'), id: ResponseId, ok: z.literal(true), result: z.unknown() }).strict(),
  z.object({ kind: z.literal('response'), id: ResponseId, ok: z.literal(false), error: WebviewError }).strict(),
]);
export type ResponseMessage = z.infer<typeof ResponseMessage>;

/** Host -> webview, unsolicited, only after the webview said it is ready. */
export const EventMessage = z.object({ kind: z.literal('event'), name: z.string().min(1), payload: z.unknown() }).strict();
export type EventMessage = z.infer<typeof EventMessage>;

/** Everything a webview may send. */
export const WebviewToHost = z.discriminatedUnion('kind', [ReadyMessage, RequestMessage]);
export type WebviewToHost = z.infer<typeof WebviewToHost>;

/** Everything a host may send. */
export const HostToWebview = z.union([ResponseMessage, EventMessage]);
export type HostToWebview = z.infer<typeof HostToWebview>;
