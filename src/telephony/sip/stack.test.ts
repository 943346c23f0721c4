import dgram from 'node:dgram';
import fs from 'node:fs';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from '../../../test/support/sip-messages.ts';
import { header } from './message.ts';
import type { Peer, SipMessage, SipRequest, SipResponse } from './message.ts';
import { parseMessage } from './parse.ts';
import { serializeMessage } from './serialize.ts';
import { SipStack } from './stack.ts';
import { responseTo } from './validate.ts';
import type { SipStackOptions } from './stack.ts';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function stack(options: SipStackOptions): Promise<SipStack> {
  const s = await SipStack.listen(options);
  open.push(s);
  return s;
}

async function pair(protocol: 'udp' | 'tcp' | 'ws') {
  const options: SipStackOptions = protocol === 'udp' ? { udp: 0 } : protocol === 'tcp' ? { tcp: 0 } : { ws: 0 };
  const a = await stack(options);
  const b = await stack(options);
  return { a, b, to: b.addresses[0]! };
}

/** A bare UDP socket playing a peer that sends bytes of its own making. */
async function rawUdp() {
  const socket = dgram.createSocket('udp4');
  open.push(socket);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const received: SipMessage[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    received.push(parseMessage(data));
    waiters.splice(0).forEach((w) => w());
  });
  return {
    port: socket.address().port,
    send: (data: Buffer, to: Peer) => socket.send(data, to.port, to.address),
    received,
    /** Status codes of responses, methods of requests. */
    labels: () => received.map((m) => (m.kind === 'response' ? m.status : m.method)),
    async until(count: number) {
      while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

describe.each(['udp', 'tcp', 'ws'] as const)('SipStack over %s', (protocol) => {
  it('carries a request and its response between two stacks; the server sees received and rport on the Via', async () => {
    const { a, b, to } = await pair(protocol);
    const seen: SipRequest[] = [];
    b.onRequest((tx, req) => {
      seen.push(req);
      tx.respond(responseTo(req, 200, 'OK'));
    });
    const tx = a.sendRequest(request('OPTIONS', { noVia: true }), to);
    const [res] = await once(tx, 'final');
    expect((res as SipResponse).status).toBe(200);
    const aPort = a.addresses[0]!.port;
    expect(header(seen[0]!, 'Via')).toMatch(new RegExp(`^SIP/2.0/${protocol.toUpperCase()} 127.0.0.1:${aPort};branch=z9hG4bK[^;]+;received=127.0.0.1;rport=\\d+$`));
  });

  it('INVITE, 200, and the ACK sent statelessly reaching the other TU', async () => {
    const { a, b, to } = await pair(protocol);
    b.onRequest((tx, req) => tx.respond(responseTo(req, 200, 'OK', { toTag: 'b-tag' })));
    const acked = new Promise<SipRequest>((resolve) => b.onAck(resolve));
    const tx = a.sendRequest(request('INVITE', { noVia: true, cseq: 3 }), to);
    const [ok] = (await once(tx, 'final')) as [SipResponse];
    expect(ok.status).toBe(200);
    const ack = request('ACK', { noVia: true, cseq: 3, toTag: 'b-tag' });
    await a.sendStateless(ack, to);
    expect(header(await acked, 'CSeq')).toBe('3 ACK');
  });

  it('CANCELs a ringing INVITE: the server TU hears of it and answers 487; the CANCEL gets its 200', async () => {
    const { a, b, to } = await pair(protocol);
    const serverAck = new Promise<void>((resolve) => {
      b.onRequest((tx, req) => {
        tx.respond(responseTo(req, 180, 'Ringing', { toTag: 'b-tag' }));
        tx.on('cancelled', () => tx.respond(responseTo(req, 487, 'Request Terminated', { toTag: 'b-tag' })));
        tx.on('ack', () => resolve());
      });
    });
    const tx = a.sendRequest(request('INVITE', { noVia: true }), to);
    tx.once('provisional', () => a.cancel(tx));
    const [final] = (await once(tx, 'final')) as [SipResponse];
    expect(final.status).toBe(487);
    await serverAck; // the 487's ACK, built by a's transaction, reached b's
  });
});

describe('SipStack over UDP against a raw peer', () => {
  it('absorbs a retransmitted INVITE in its server transaction: the TU sees it once, the peer gets the 180 again', async () => {
    const b = await stack({ udp: 0 });
    const peer = await rawUdp();
    let calls = 0;
    b.onRequest((tx, req) => {
      calls++;
      tx.respond(responseTo(req, 180, 'Ringing', { toTag: 'b-tag' }));
    });
    const invite = serializeMessage(request('INVITE', { sentBy: `127.0.0.1:${peer.port}` }));
    peer.send(invite, b.addresses[0]!);
    await peer.until(1);
    peer.send(invite, b.addresses[0]!);
    await peer.until(2);
    expect(peer.labels()).toEqual([180, 180]);
    expect(calls).toBe(1);
    expect(b.counters.absorbed).toBe(1);
  });

  it('answers 400 to a request it cannot parse but can answer, drops garbage, counts both, and carries on', async () => {
    const b = await stack({ udp: 0 });
    const peer = await rawUdp();
    b.onRequest((tx, req) => tx.respond(responseTo(req, 200, 'OK')));
    peer.send(Buffer.from('\x00\xff garbage'), b.addresses[0]!);
    const broken = serializeMessage(request('OPTIONS', { sentBy: `127.0.0.1:${peer.port}` }))
      .toString()
      .replace('Content-Length: 0', 'Content-Length: nine');
    peer.send(Buffer.from(broken), b.addresses[0]!);
    await peer.until(1);
    expect(peer.labels()).toEqual([400]);
    peer.send(serializeMessage(request('OPTIONS', { sentBy: `127.0.0.1:${peer.port}`, branch: 'z9hG4bK-2' })), b.addresses[0]!);
    await peer.until(2);
    expect(peer.labels()).toEqual([400, 200]);
    expect(b.counters).toMatchObject({ received: 3, malformed: 2, badRequestsAnswered: 1, dropped: 1 });
  });

  it('times out a request nobody answers (Timer F at 64*T1) and drops a response not for it', async () => {
    const a = await stack({ udp: 0, timers: { t1: 5 } });
    const peer = await rawUdp();
    const tx = a.sendRequest(request('OPTIONS', { noVia: true }), { transport: 'udp', address: '127.0.0.1', port: peer.port });
    await once(tx, 'timeout');
    expect(peer.labels().length).toBeGreaterThan(0);
    expect(new Set(peer.labels())).toEqual(new Set(['OPTIONS']));
    const stray = new Promise<SipResponse>((resolve) => a.onStrayResponse(resolve));
    const notOurs = request('OPTIONS', { sentBy: '192.0.2.99:5060' });
    peer.send(serializeMessage(responseTo(notOurs, 200, 'OK')), a.addresses[0]!);
    const oursButGone = request('OPTIONS', { sentBy: `127.0.0.1:${a.addresses[0]!.port}`, branch: 'z9hG4bK-gone' });
    peer.send(serializeMessage(responseTo(oursButGone, 200, 'OK')), a.addresses[0]!);
    expect((await stray).status).toBe(200);
    expect(a.counters).toMatchObject({ dropped: 1, strayResponses: 1 });
  });

  it('survives every RFC 4475 torture message: each is passed on, answered 400 or dropped, and the stack still answers', async () => {
    // 100 Trying held back (trying: 60 s) and no answers from the TU: nothing goes to the addresses the messages name.
    const b = await stack({ udp: 0, timers: { trying: 60_000 } });
    const peer = await rawUdp();
    const seen: string[] = [];
    b.onRequest((tx, req) => {
      seen.push(req.method);
      if (req.method === 'OPTIONS' && header(req, 'Call-ID') === 'after-torture') tx.respond(responseTo(req, 200, 'OK'));
    });
    const files = fs.readdirSync(new URL('./rfc4475/', import.meta.url)).filter((f) => f.endsWith('.dat'));
    for (const file of files) peer.send(fs.readFileSync(new URL(`./rfc4475/${file}`, import.meta.url)), b.addresses[0]!);
    peer.send(serializeMessage(request('OPTIONS', { sentBy: `127.0.0.1:${peer.port}`, callId: 'after-torture', branch: 'z9hG4bK-last' })), b.addresses[0]!);
    while (!peer.labels().includes(200)) await peer.until(peer.received.length + 1);
    expect(b.counters.received).toBe(files.length + 1);
    expect(b.counters.handlerErrors).toBe(0);
    expect(new Set(peer.labels())).toEqual(new Set([400, 200]));
    expect(seen.length + b.counters.malformed + b.counters.dropped).toBeGreaterThanOrEqual(files.length);
  });
});

describe.each(['tcp', 'ws'] as const)('SipStack over %s: connections', (protocol) => {
  it('says when a peer’s connection closes, naming the flow its requests came from', async () => {
    const { a, b, to } = await pair(protocol);
    const sources: Peer[] = [];
    b.onRequest((tx, req, source) => {
      sources.push(source);
      tx.respond(responseTo(req, 200, 'OK'));
    });
    const closed: Peer[] = [];
    const reported = new Promise<void>((resolve) =>
      b.onConnectionClosed((flow) => {
        closed.push(flow);
        resolve();
      }),
    );
    await once(a.sendRequest(request('OPTIONS', { noVia: true }), to), 'final');
    await a.close();
    await reported;
    expect(closed).toEqual(sources);
  });
});
