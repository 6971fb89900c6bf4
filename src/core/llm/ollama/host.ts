export const DEFAULT_OLLAMA_URL = 'http://127.0.0.1:11434';

/** `OLLAMA_HOST` (or a configured host) that does not name a usable address. */
export class OllamaHostError extends Error {
  override readonly name = 'OllamaHostError';
}

/**
 * Reads a host the way Ollama's own CLI reads `OLLAMA_HOST`: `host`, `host:port`, `:port`,
 * `[v6]:port`, with or without `http://` / `https://` and a path. Without a scheme the port
 * defaults to 11434; with one, to the scheme's port. The unspecified address `0.0.0.0` (what a
 * server binds to) is dialled as loopback. Returns a URL without a trailing slash.
 */
export function parseOllamaHost(value: string | undefined, source = 'OLLAMA_HOST'): string {
  const text = (value ?? '').trim();
  if (text === '') return DEFAULT_OLLAMA_URL;
  const schemeEnd = text.indexOf('://');
  let scheme = 'http';
  let defaultPort = '11434';
  let rest = text;
  if (schemeEnd >= 0) {
    scheme = text.slice(0, schemeEnd).toLowerCase();
    rest = text.slice(schemeEnd + 3);
    if (scheme !== 'http' && scheme !== 'https') throw new OllamaHostError(`${source}="${text}": the scheme must be http or https`);
    defaultPort = scheme === 'https' ? '443' : '80';
  }
  const slash = rest.indexOf('/');
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash).replace(/\/+$/, '') : '';
  const { host, port } = splitHostPort(hostPort, defaultPort);
  const number = Number(port);
  if (!/^\d+$/.test(port) || number > 65535) throw new OllamaHostError(`${source}="${text}": "${port}" is not a port number`);
  return `${scheme}://${bracketed(dialable(host))}:${number}${path}`;
}

function splitHostPort(hostPort: string, defaultPort: string): { host: string; port: string } {
  const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(hostPort);
  if (bracket) return { host: bracket[1] ?? '', port: bracket[2] ?? defaultPort };
  const colons = hostPort.split(':').length - 1;
  // More than one colon without brackets is a bare IPv6 address, which carries no port.
  if (colons === 1) {
    const [host = '', port = ''] = hostPort.split(':');
    return { host: host || '127.0.0.1', port };
  }
  return { host: hostPort || '127.0.0.1', port: defaultPort };
}

function dialable(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '::1';
  return host;
}

function bracketed(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
