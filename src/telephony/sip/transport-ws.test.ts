import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { request } from '../../../test/support/sip-messages.ts';
import type { Peer } from './message.ts';
import { serializeMessage } from './serialize.ts';
import type { TransportSink } from './transport.ts';
import { WsTransport } from './transport-ws.ts';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function listen() {
  const received: [Buffer, Peer][] = [];
  const closed: Peer[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const sink: TransportSink = {
    message: (data, from) => {
      received.push([data as Buffer, from]);
      wake();
    },
    malformed: () => {},
    closed: (flow) => {
      closed.push(flow);
      wake();
    },
  };
  const t = await WsTransport.listen('127.0.0.1', 0, sink);
  open.push(t);
  const until = async (n: number) => {
    while (received.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const untilClosed = async (n: number) => {
    while (closed.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { t, received, closed, until, untilClosed };
}

describe('WebSocket transport (RFC 7118)', () => {
  it('takes one message per frame on the sip subprotocol and answers over the same connection', async () => {
    const server = await listen();
    const ws = new WebSocket(`ws://127.0.0.1:${server.t.local.port}`, 'sip');
    open.push({ close: () => ws.terminate() });
    await once(ws, 'open');
    expect(ws.protocol).toBe('sip');
    const bytes = serializeMessage(request('OPTIONS', { transport: 'WS', sentBy: 'df7jal23ls0d.invalid' }));
    ws.send(bytes.toString());
    ws.send(bytes, { binary: true });
    await server.until(2);
    expect(server.received.map(([d]) => d.equals(bytes))).toEqual([true, true]);
    const from = server.received[0]![1];
    expect(from).toMatchObject({ transport: 'ws', address: '127.0.0.1' });
    expect(server.t.connected(from)).toBe(true);
    const reply = once(ws, 'message');
    await server.t.send(Buffer.from('SIP/2.0 200 OK\r\n\r\n'), from);
    const [data, isBinary] = await reply;
    expect([String(data), isBinary]).toEqual(['SIP/2.0 200 OK\r\n\r\n', false]);
  });

  it('says when a connection closes, naming the flow its messages came from, once; its own close says nothing', async () => {
    const server = await listen();
    const ws = new WebSocket(`ws://127.0.0.1:${server.t.local.port}`, 'sip');
    open.push({ close: () => ws.terminate() });
    await once(ws, 'open');
    ws.send(serializeMessage(request('OPTIONS', { transport: 'WS' })).toString());
    await server.until(1);
    ws.close();
    await server.untilClosed(1);
    expect(server.closed).toEqual([server.received[0]![1]]);
    expect(server.t.connectionCount).toBe(0);

    const other = new WebSocket(`ws://127.0.0.1:${server.t.local.port}`, 'sip');
    open.push({ close: () => other.terminate() });
    await once(other, 'open');
    await server.t.close();
    await once(other, 'close');
    expect(server.closed).toHaveLength(1);
  });

  it('closes a connection that did not ask for the sip subprotocol', async () => {
    const server = await listen();
    const ws = new WebSocket(`ws://127.0.0.1:${server.t.local.port}`);
    open.push({ close: () => ws.terminate() });
    const [code] = await once(ws, 'close');
    expect(code).toBe(1002);
    expect(server.t.connectionCount).toBe(0);
  });

  it('opens a connection to a peer to send, and reuses it', async () => {
    const a = await listen();
    const b = await listen();
    const to = { address: '127.0.0.1', port: b.t.local.port };
    await Promise.all([a.t.send(Buffer.from('one'), to), a.t.send(Buffer.from('two'), to)]);
    await b.until(2);
    expect(a.t.connectionCount).toBe(1);
    expect(b.t.connectionCount).toBe(1);
  });
});
