import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { request } from '../../../test/support/sip-messages.ts';
import type { Peer, SipMessage } from './message.ts';
import { serializeMessage } from './serialize.ts';
import { TcpTransport } from './transport-tcp.ts';
import type { TransportSink } from './transport.ts';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

function sink() {
  const messages: [SipMessage, Peer][] = [];
  const malformed: string[] = [];
  const closed: Peer[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const s: TransportSink = {
    message: (m, from) => {
      messages.push([m as SipMessage, from]);
      wake();
    },
    malformed: (reason) => {
      malformed.push(reason);
      wake();
    },
    closed: (flow) => {
      closed.push(flow);
      wake();
    },
  };
  const until = async (test: () => boolean) => {
    while (!test()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { sink: s, messages, malformed, closed, until };
}

async function listen(options = {}) {
  const s = sink();
  const t = await TcpTransport.listen('127.0.0.1', 0, s.sink, options);
  open.push(t);
  return { t, ...s };
}

async function client(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  open.push({ close: () => socket.destroy() });
  await once(socket, 'connect');
  return socket;
}

describe('TCP transport', () => {
  it('frames messages split across and packed into segments, answers a keep-alive ping with a pong', async () => {
    const server = await listen();
    const socket = await client(server.t.local.port);
    const bytes = Buffer.concat([serializeMessage(request('OPTIONS', { cseq: 1 })), serializeMessage(request('OPTIONS', { cseq: 2 }))]);
    socket.write(bytes.subarray(0, 10));
    socket.write(bytes.subarray(10, 200));
    socket.write(Buffer.concat([bytes.subarray(200), Buffer.from('\r\n\r\n')]));
    const [pong] = await once(socket, 'data');
    expect(pong.toString()).toBe('\r\n');
    await server.until(() => server.messages.length === 2);
    expect(server.messages.map(([m]) => (m.kind === 'request' ? m.headers.find((h) => h.name === 'CSeq')?.value : ''))).toEqual(['1 OPTIONS', '2 OPTIONS']);
    expect(server.messages[0]![1]).toEqual({ transport: 'tcp', address: '127.0.0.1', port: socket.localPort });
  });

  it('reports a stream that breaks the framing, and closes it', async () => {
    const server = await listen();
    const socket = await client(server.t.local.port);
    socket.write('OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n\r\n');
    await once(socket, 'close');
    expect(server.malformed).toHaveLength(1);
    expect(server.t.connectionCount).toBe(0);
  });

  it('sends back over the connection a peer opened, and reuses one connection per peer for its own sends', async () => {
    const a = await listen();
    const b = await listen();
    const toB = { address: '127.0.0.1', port: b.t.local.port };
    await Promise.all([a.t.send(serializeMessage(request('OPTIONS', { cseq: 1 })), toB), a.t.send(serializeMessage(request('OPTIONS', { cseq: 2 })), toB)]);
    await b.until(() => b.messages.length === 2);
    expect(a.t.connectionCount).toBe(1);
    const from = b.messages[0]![1];
    expect(b.t.connected(from)).toBe(true);
    await b.t.send(serializeMessage(request('OPTIONS', { cseq: 3 })), from);
    await a.until(() => a.messages.length === 1);
    expect(b.t.connectionCount).toBe(1);
  });

  it('says when a connection closes, naming the flow its messages came from, once; its own close says nothing', async () => {
    const server = await listen();
    const socket = await client(server.t.local.port);
    socket.write(serializeMessage(request('OPTIONS')));
    await server.until(() => server.messages.length === 1);
    socket.end();
    await server.until(() => server.closed.length === 1);
    expect(server.closed).toEqual([server.messages[0]![1]]);
    expect(server.t.connectionCount).toBe(0);

    const other = await client(server.t.local.port);
    await vi.waitFor(() => expect(server.t.connectionCount).toBe(1));
    await server.t.close();
    await once(other, 'close');
    expect(server.closed).toHaveLength(1);
  });

  it('closes a connection idle for idleMs', async () => {
    const server = await listen({ idleMs: 50 });
    const socket = await client(server.t.local.port);
    await once(socket, 'close');
    await vi.waitFor(() => expect(server.t.connectionCount).toBe(0)); // the server's side closes a tick later
  });

  it('rejects a send when no connection can be made', async () => {
    const server = await listen();
    const closed = await listen();
    const port = closed.t.local.port;
    await closed.t.close();
    await expect(server.t.send(Buffer.from('x'), { address: '127.0.0.1', port })).rejects.toThrow(/ECONNREFUSED/);
  });
});
