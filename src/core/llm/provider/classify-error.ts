import { LlmError } from '../provider';

/**
 * Where a call was when it failed: a failure before the answer began means the provider could not
 * be reached; the same network error after it began means the stream was cut.
 */
export type CallPhase = 'request' | 'stream';

/** Turns whatever a model client threw into an `LlmError` that says what went wrong and where. */
export function classifyError(error: unknown, provider: string, endpoint: string, phase: CallPhase): LlmError {
  if (error instanceof LlmError) return error;
  const status = httpStatus(error);
  if (status !== undefined) {
    return new LlmError('http', `${provider} at ${endpoint} answered ${status}: ${messageOf(error)}`, provider, status, { cause: error });
  }
  const detail = networkDetail(error);
  if (phase === 'stream') {
    return new LlmError('truncated', `${provider} at ${endpoint} stopped mid-answer (${detail}); the partial answer was discarded`, provider, undefined, { cause: error });
  }
  return new LlmError('unreachable', `cannot reach ${provider} at ${endpoint} (${detail})`, provider, undefined, { cause: error });
}

/** Status of an error response: the Ollama client's `ResponseError.status_code`, OpenAI's `APIError.status`. */
function httpStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const value = 'status_code' in error ? error.status_code : 'status' in error ? error.status : undefined;
  return typeof value === 'number' ? value : undefined;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused: is it running?',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  UND_ERR_SOCKET: 'connection closed by the server',
};

/** Node's fetch hides the socket error in `cause` (`TypeError: fetch failed`, cause ECONNREFUSED). */
function networkDetail(error: unknown): string {
  const chain: unknown[] = [];
  for (let current: unknown = error; current && typeof current === 'object' && chain.length < 5; current = 'cause' in current ? current.cause : undefined) {
    if ('code' in current && typeof current.code === 'string' && current.code in NETWORK_CODES) return NETWORK_CODES[current.code] ?? current.code;
    chain.push(current);
  }
  return chain.length > 1 ? `${messageOf(chain[0])}: ${messageOf(chain.at(-1))}` : messageOf(error);
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
