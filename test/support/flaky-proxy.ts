// An HTTP proxy between a client under test and the test app, standing in for the network and a
// load balancer: it can go down (connections refused at once), cut the connections open now (a
// stream drops), or answer some requests itself (a 429 with Retry-After), and passes the rest
// through, streams included.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxiedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** When it came (Date.now()). */
  at: number;
}

export interface FlakyProxy {
  url: string;
  /** Every request that reached the proxy while it was up. */
  requests: ProxiedRequest[];
  /** Connections are reset as they come; open ones are cut. */
  down(): void;
  up(): void;
  /** Cuts every open connection (the client sees its stream end or its request fail). */
  cut(): void;
  /** The next `times` requests that match get this answer from the proxy itself. */
  answer(match: (r: ProxiedRequest) => boolean, status: number, headers?: Record<string, string>, times?: number): void;
  /** The next request that matches has its headers changed on the way (a client's Last-Event-ID, say). */
  alter(match: (r: ProxiedRequest) => boolean, headers: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startProxy(target: string): Promise<FlakyProxy> {
  const to = new URL(target);
  const sockets = new Set<Socket>();
  const rules: { match: (r: ProxiedRequest) => boolean; status: number; headers: Record<string, string>; times: number }[] = [];
  const requests: ProxiedRequest[] = [];
  const alterations: { match: (r: ProxiedRequest) => boolean; headers: Record<string, string> }[] = [];
  let isDown = false;

  const server = http.createServer((req, res) => {
    const r = { method: req.method!, url: req.url!, headers: req.headers, at: Date.now() };
    requests.push(r);
    const rule = rules.find((x) => x.times > 0 && x.match(r));
    if (rule) {
      rule.times--;
      req.resume();
      res.writeHead(rule.status, { 'content-type': 'application/problem+json', ...rule.headers });
      res.end(JSON.stringify({ title: 'from the proxy', status: rule.status }));
      return;
    }
    const altered = alterations.findIndex((x) => x.match(r));
    const headers = altered >= 0 ? { ...req.headers, ...alterations.splice(altered, 1)[0]!.headers } : req.headers;
    const upstream = http.request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      res.flushHeaders();
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    if (isDown) return socket.destroy();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cut = () => {
    for (const s of sockets) s.destroy();
  };

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    down() {
      isDown = true;
      cut();
    },
    up() {
      isDown = false;
    },
    cut,
    alter(match, headers) {
      alterations.push({ match, headers });
    },
    answer(match, status, headers = {}, times = 1) {
      rules.push({ match, status, headers, times });
    },
    close: () =>
      new Promise<void>((resolve) => {
        cut();
        server.close(() => resolve());
      }),
  };
}
