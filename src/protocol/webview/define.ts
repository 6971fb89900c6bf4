import type { z } from 'zod';

/** One request a panel may send: the schema of what it sends and of what the host answers. */
export interface RequestSpec {
  readonly params: z.ZodType;
  readonly result: z.ZodType;
}

export type RequestSpecs = Readonly<Record<string, RequestSpec>>;
export type EventSpecs = Readonly<Record<string, z.ZodType>>;

/**
 * A panel's whole protocol: what it may ask the host, what the host may tell it, and what it keeps
 * across a reload. Both sides validate against these schemas, so the types cannot drift.
 */
export interface PanelProtocol<R extends RequestSpecs = RequestSpecs, E extends EventSpecs = EventSpecs, S extends z.ZodType = z.ZodType> {
  /** The entry name (`webview-ui/<panel>/main.ts`), sent in the ready handshake. */
  readonly panel: string;
  readonly requests: R;
  readonly events: E;
  /** The webview's saved state (vscode.setState), checked again when a reloaded page reads it back. */
  readonly state: S | undefined;
}

export function definePanelProtocol<R extends RequestSpecs, E extends EventSpecs, S extends z.ZodType = z.ZodUnknown>(
  panel: string,
  spec: { requests: R; events: E; state?: S },
): PanelProtocol<R, E, S> {
  if (!/^[a-z][a-z0-9-]*$/.test(panel)) throw new Error(`Panel name "${panel}" must be lower-case words joined by "-" (it names webview-ui/<panel>/main.ts)`);
  return { panel, requests: spec.requests, events: spec.events, state: spec.state };
}

export type RequestMethod<P extends PanelProtocol> = keyof P['requests'] & string;
export type EventName<P extends PanelProtocol> = keyof P['events'] & string;

/** What the webview passes to `request` (a schema's input: defaults may be left out). */
export type RequestParams<P extends PanelProtocol, M extends RequestMethod<P>> = z.input<P['requests'][M]['params']>;
/** What the webview's `request` resolves with, after validation. */
export type RequestResult<P extends PanelProtocol, M extends RequestMethod<P>> = z.output<P['requests'][M]['result']>;
/** What the host passes to `post` for an event. */
export type EventPayload<P extends PanelProtocol, N extends EventName<P>> = z.input<P['events'][N]>;
/** What a webview's event listener receives, after validation. */
export type EventData<P extends PanelProtocol, N extends EventName<P>> = z.output<P['events'][N]>;
export type PanelState<P extends PanelProtocol> = z.output<NonNullable<P['state']>>;

/** What a host handler receives (validated params) and must return (checked before it is sent). */
export type HandlerParams<P extends PanelProtocol, M extends RequestMethod<P>> = z.output<P['requests'][M]['params']>;
export type HandlerResult<P extends PanelProtocol, M extends RequestMethod<P>> = z.input<P['requests'][M]['result']>;

/** One handler per request of the protocol; `T` is the host's cancellation token type. */
export type RequestHandlers<P extends PanelProtocol, T> = {
  readonly [M in RequestMethod<P>]: (params: HandlerParams<P, M>, token: T) => Promise<HandlerResult<P, M>> | HandlerResult<P, M>;
};
