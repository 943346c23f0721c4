// SIP over TCP (RFC 3261 §18): one connection per remote address and port, used both ways and kept
// while it carries traffic (closed after `idleMs` of silence); messages framed by Content-Length
// (stream-framer.ts), keep-alive pings answered (RFC 5626). A stream that breaks the framing cannot
// be resynchronised: it is counted and closed. Sends to a peer with no connection open one. A
// connection that closes is reported (the flow is gone: phones registered over it cannot be reached).
import net from 'node:net';
import type { Peer } from './message.ts';
import { StreamFramer } from './stream-framer.ts';
import type { Address, Transport, TransportSink } from './transport.ts';
import { addressKey, plainAddress } from './transport.ts';

export interface TcpOptions {
  /** A connection silent this long is closed (default 10 minutes). */
  idleMs?: number;
  /** Connections accepted at most (default 10 000); more are refused by the system. */
  maxConnections?: number;
}

export class TcpTransport implements Transport {
  readonly protocol = 'tcp';
  readonly reliable = true;
  private readonly connections = new Map<string, net.Socket>();
  private readonly connecting = new Map<string, Promise<net.Socket>>();
  private readonly idleMs: number;

  private constructor(
    private readonly server: net.Server,
    readonly local: Address,
    private readonly sink: TransportSink,
    options: TcpOptions,
  ) {
    this.idleMs = options.idleMs ?? 600_000;
  }

  static listen(host: string, port: number, sink: TransportSink, options: TcpOptions = {}): Promise<TcpTransport> {
    const server = net.createServer();
    server.maxConnections = options.maxConnections ?? 10_000;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        server.on('error', () => {});
        const a = server.address() as net.AddressInfo;
        const transport = new TcpTransport(server, { address: plainAddress(a.address), port: a.port }, sink, options);
        server.on('connection', (socket) => transport.adopt(socket));
        resolve(transport);
      });
    });
  }

  async send(data: Buffer, to: Address): Promise<void> {
    const socket = this.connections.get(addressKey(to)) ?? (await this.connect(to));
    await new Promise<void>((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
  }

  connected(to: Address): boolean {
    return this.connections.has(addressKey(to));
  }

  /** Open connections, both ways. */
  get connectionCount(): number {
    return this.connections.size;
  }

  close(): Promise<void> {
    for (const socket of this.connections.values()) socket.destroy();
    this.connections.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private connect(to: Address): Promise<net.Socket> {
    const key = addressKey(to);
    const pending = this.connecting.get(key);
    if (pending) return pending;
    const attempt = new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect({ host: to.address, port: to.port });
      socket.setTimeout(this.idleMs, () => socket.destroy(new Error(`no connection to ${to.address}:${to.port} within ${this.idleMs} ms`)));
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        this.adopt(socket);
        resolve(socket);
      });
    }).finally(() => this.connecting.delete(key));
    this.connecting.set(key, attempt);
    return attempt;
  }

  private adopt(socket: net.Socket): void {
    const peer: Peer = { transport: 'tcp', address: plainAddress(socket.remoteAddress ?? ''), port: socket.remotePort ?? 0 };
    const key = addressKey(peer);
    this.connections.get(key)?.destroy();
    this.connections.set(key, socket);
    socket.setNoDelay(true);
    socket.setTimeout(this.idleMs, () => socket.destroy());
    const framer = new StreamFramer();
    socket.on('data', (chunk) => {
      let frames;
      try {
        frames = framer.push(chunk);
      } catch (error) {
        this.sink.malformed(error instanceof Error ? error.message : String(error), peer);
        socket.destroy();
        return;
      }
      for (let i = 0; i < frames.pings; i++) socket.write('\r\n');
      for (const message of frames.messages) this.sink.message(message, peer);
    });
    socket.on('error', () => {}); // 'close' follows
    socket.on('close', () => {
      if (this.connections.get(key) !== socket) return; // replaced, or the transport is closing
      this.connections.delete(key);
      this.sink.closed?.(peer);
    });
  }
}
