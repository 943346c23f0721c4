// The edge's small HTTP server, for operations only: /metrics (Prometheus) and /healthz (is the edge
// up, and what it can reach). Nothing else is served; no caller data is ever in either.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type client from 'prom-client';
import type { HostPort } from './config.ts';

export interface EdgeHealth {
  otvetOnline: boolean;
  decisionsConnected: boolean;
  calls: number;
  registrations: number;
}

export interface EdgeHttp {
  url: string;
  close(): Promise<void>;
}

export async function startEdgeHttp(at: HostPort, registry: client.Registry, health: () => EdgeHealth): Promise<EdgeHttp> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', ...health() }));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const a = server.address() as AddressInfo;
  const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return {
    url: `http://${host}:${a.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
