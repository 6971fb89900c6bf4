/**
 * The one way the model layer reaches the network. Hosts pass their `fetch` (Node's, or a proxy-aware
 * one); core never touches sockets itself, and both model clients accept a `fetch` of this shape.
 */
export type FetchPort = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A fetch whose every request also ends when `signal` aborts. Needed because the Ollama client
 * takes no signal for `show`, `embed` or `version`, and uses its own controller for streams.
 */
export function fetchBoundTo(fetch: FetchPort, signal: AbortSignal): FetchPort {
  return (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}
