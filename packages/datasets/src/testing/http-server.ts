// Test helper: a local HTTP server on 127.0.0.1 (port 0) with scripted routes. Never the network.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

/** Serves `routes[path]`; anything else is a 404. `hits` records each requested path. */
export async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.push(path);
    const route = routes[path];
    if (route) route(req, res);
    else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Sends `body` with its Content-Length. */
export const serve =
  (body: Uint8Array): Route =>
  (_req, res) => {
    res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'application/octet-stream' });
    res.end(body);
  };

/** Declares the full Content-Length, sends `sent` bytes, then destroys the socket. */
export const truncated =
  (body: Uint8Array, sent: number): Route =>
  (_req, res) => {
    res.writeHead(200, { 'content-length': String(body.length) });
    res.write(body.subarray(0, sent), () => setTimeout(() => res.socket?.destroy(), 20));
  };

/** Sends headers and the first `sent` bytes of `body`, then nothing. */
export const stall =
  (body: Uint8Array, sent: number): Route =>
  (_req, res) => {
    res.writeHead(200, { 'content-length': String(body.length) });
    res.write(body.subarray(0, sent));
  };

/** Never answers. */
export const silent: Route = () => undefined;

/** Redirects to `location`. */
export const redirect =
  (location: string): Route =>
  (_req, res) => {
    res.writeHead(302, { location });
    res.end();
  };
