import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readJson, type RecordedRequest } from './llm-script';

/** A loopback HTTP server that records every request and can end every open connection on close. */
export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private disconnects = 0;
  private readonly disconnectWaiters: Array<{ count: number; wake: () => void }> = [];

  constructor(handle: (request: RecordedRequest, response: ServerResponse, raw: IncomingMessage) => Promise<void>) {
    this.server = createServer((raw, response) => {
      void (async () => {
        const recorded: RecordedRequest = { method: raw.method ?? 'GET', path: (raw.url ?? '/').split('?')[0] ?? '/', headers: raw.headers, body: await readJson(raw) };
        this.requests.push(recorded);
        // A client that gives up (abort, timeout) closes its connection: tests wait on that.
        response.on('close', () => {
          if (response.writableFinished) return;
          this.disconnects++;
          for (const waiter of this.disconnectWaiters.filter((candidate) => candidate.count <= this.disconnects)) waiter.wake();
        });
        await handle(recorded, response, raw);
      })().catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: `scripted server: ${String(error)}` }));
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Resolves once clients have dropped `count` requests (in all) before their answers were complete. */
  clientDisconnected(count = 1): Promise<void> {
    if (this.disconnects >= count) return Promise.resolve();
    return new Promise((wake) => this.disconnectWaiters.push({ count, wake }));
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** Closes the server and every connection still open, including stalled answers. */
  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}

/** A loopback URL where nothing listens: a server is opened on a free port and closed again. */
export async function refusedUrl(): Promise<string> {
  const server = new ScriptedServer(async () => {});
  const url = await server.listen();
  await server.close();
  return url;
}
