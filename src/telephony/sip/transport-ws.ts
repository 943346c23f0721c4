// SIP over WebSocket (RFC 7118), for browser phones: the "sip" subprotocol (a connection without it
// is closed), one message per frame (text or binary, no framing by Content-Length), a connection per
// peer used both ways. A broken frame is just a broken message (the connection stays). Dead peers are
// found by WebSocket pings every `pingMs`; a connection that closes is reported. A browser cannot be
// called back: responses only go over the connection the request came on (response-route.ts).
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { Peer } from './message.ts';
import { PARSE_LIMITS } from './parse.ts';
import type { Address, Transport, TransportSink } from './transport.ts';
import { addressKey, plainAddress } from './transport.ts';

export interface WsOptions {
  /** How often a ping checks each connection; one without a pong since the last is closed (default 30 s). */
  pingMs?: number;
}

export class WsTransport implements Transport {
  readonly protocol = 'ws';
  readonly reliable = true;
  private readonly connections = new Map<string, WebSocket>();
  private readonly connecting = new Map<string, Promise<WebSocket>>();
  private readonly alive = new WeakSet<WebSocket>();
  private readonly heartbeat: NodeJS.Timeout;

  private constructor(
    private readonly server: WebSocketServer,
    readonly local: Address,
    private readonly sink: TransportSink,
    pingMs: number,
  ) {
    this.heartbeat = setInterval(() => this.ping(), pingMs);
    this.heartbeat.unref();
  }

  static listen(host: string, port: number, sink: TransportSink, options: WsOptions = {}): Promise<WsTransport> {
    const server = new WebSocketServer({
      host,
      port,
      maxPayload: PARSE_LIMITS.maxMessageBytes,
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.once('listening', () => {
        server.off('error', reject);
        server.on('error', () => {});
        const a = server.address() as AddressInfo;
        const transport = new WsTransport(server, { address: plainAddress(a.address), port: a.port }, sink, options.pingMs ?? 30_000);
        server.on('connection', (ws, request: IncomingMessage) => {
          if (ws.protocol !== 'sip') {
            ws.close(1002, 'the sip subprotocol is required (RFC 7118)');
            return;
          }
          transport.adopt(ws, { transport: 'ws', address: plainAddress(request.socket.remoteAddress ?? ''), port: request.socket.remotePort ?? 0 });
        });
        resolve(transport);
      });
    });
  }

  async send(data: Buffer, to: Address): Promise<void> {
    const ws = this.connections.get(addressKey(to)) ?? (await this.connect(to));
    await new Promise<void>((resolve, reject) => ws.send(data, { binary: !isUtf8(data) }, (error) => (error ? reject(error) : resolve())));
  }

  connected(to: Address): boolean {
    return this.connections.get(addressKey(to))?.readyState === WebSocket.OPEN;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const ws of this.connections.values()) ws.terminate();
    this.connections.clear();
    for (const ws of this.server.clients) ws.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private connect(to: Address): Promise<WebSocket> {
    const key = addressKey(to);
    const pending = this.connecting.get(key);
    if (pending) return pending;
    const host = to.address.includes(':') ? `[${to.address}]` : to.address;
    const attempt = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://${host}:${to.port}`, 'sip', { maxPayload: PARSE_LIMITS.maxMessageBytes });
      ws.once('error', reject);
      ws.once('open', () => {
        ws.off('error', reject);
        if (ws.protocol !== 'sip') {
          ws.terminate();
          reject(new Error(`${to.address}:${to.port} did not accept the sip subprotocol`));
          return;
        }
        this.adopt(ws, { transport: 'ws', address: plainAddress(to.address), port: to.port });
        resolve(ws);
      });
    }).finally(() => this.connecting.delete(key));
    this.connecting.set(key, attempt);
    return attempt;
  }

  private adopt(ws: WebSocket, peer: Peer): void {
    const key = addressKey(peer);
    this.connections.get(key)?.terminate();
    this.connections.set(key, ws);
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    // ws itself closes a connection whose text frame is not UTF-8 (1007).
    ws.on('message', (data) => this.sink.message(Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data), peer));
    ws.on('error', () => {}); // 'close' follows
    ws.on('close', () => {
      if (this.connections.get(key) !== ws) return; // replaced, or the transport is closing
      this.connections.delete(key);
      this.sink.closed?.(peer);
    });
  }

  private ping(): void {
    for (const ws of this.connections.values()) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }
}
