// The transport's promises, shown against a scripted UDP peer (the real daemon cannot be told to
// lose a datagram or answer out of order; rtpengine.test.ts runs the real one).
import { afterEach, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import bencode from 'bencode';
import { grantedReceiveBuffer } from '../../../test/support/udp.ts';
import { NgClient, RtpengineError } from './ng-client.ts';
import { decodeNgMessage } from './ng-message.ts';

interface Seen {
  cookie: string;
  command: string;
}

/** A UDP peer that hands each request to `script`, which answers (or not) through `reply`. */
type Script = (seen: Seen, reply: (body: Buffer | string) => void, all: Seen[], sendRaw: (datagram: Buffer) => void) => void;

async function scriptedPeer(script: Script) {
  const socket = dgram.createSocket('udp4');
  const all: Seen[] = [];
  socket.on('message', (msg, rinfo) => {
    const { cookie, dict } = decodeNgMessage(msg);
    const seen = { cookie, command: String(dict.command) };
    all.push(seen);
    const sendRaw = (datagram: Buffer) => socket.send(datagram, rinfo.port, rinfo.address);
    script(seen, (body) => sendRaw(Buffer.concat([Buffer.from(`${cookie} `), Buffer.from(body)])), all, sendRaw);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, all, close: () => new Promise<void>((r) => socket.close(() => r())) };
}

const ok = (extra: Record<string, unknown> = {}) => Buffer.from(bencode.encode({ result: 'ok', ...extra }));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(script: Script, options: { timeoutMs?: number; retries?: number } = {}) {
  const peer = await scriptedPeer(script);
  const client = await NgClient.open({ host: '127.0.0.1', port: peer.port, timeoutMs: options.timeoutMs ?? 200, retries: options.retries ?? 2 });
  cleanups.push(() => client.close(), peer.close);
  return { peer, client };
}

describe('NgClient', () => {
  it('asks the kernel to keep 4 MiB of replies for it (as much as net.core.rmem_max allows): one lost costs its call a second', async () => {
    const { client } = await setup(() => {});
    expect((client as unknown as { socket: dgram.Socket }).socket.getRecvBufferSize()).toBeGreaterThanOrEqual(grantedReceiveBuffer);
  });

  it('matches replies to requests by cookie, whatever their order', async () => {
    const held: (() => void)[] = [];
    const { client } = await setup((seen, reply) => {
      held.push(() => reply(ok({ echo: seen.command })));
      if (held.length === 2) for (const r of held.reverse()) r(); // the second answered first
    });
    const [a, b] = await Promise.all([client.request({ command: 'first' }), client.request({ command: 'second' })]);
    expect(a.echo).toBe('first');
    expect(b.echo).toBe('second');
  });

  it('sends a lost request again with the same cookie, and takes the reply to either', async () => {
    const { peer, client } = await setup((seen, reply, all) => {
      if (all.length === 1) return; // the first datagram is lost
      reply(ok({ sdp: 'v=0\r\n' }));
    });
    const reply = await client.request({ command: 'offer', 'call-id': 'c1' });
    expect(reply.sdp).toBe('v=0\r\n');
    expect(peer.all).toHaveLength(2);
    expect(peer.all[0]!.cookie).toBe(peer.all[1]!.cookie);
    expect(client.metrics.snapshot().retries).toBe(1);
  });

  it('gives up after its attempts with a timeout, all under one cookie', async () => {
    const { peer, client } = await setup(() => {}, { timeoutMs: 50, retries: 2 });
    const e = await client.request({ command: 'delete' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(RtpengineError);
    expect(e).toMatchObject({ command: 'delete', kind: 'timeout' });
    expect(peer.all).toHaveLength(3);
    expect(new Set(peer.all.map((s) => s.cookie)).size).toBe(1);
    expect(client.metrics.snapshot().failures.delete).toEqual({ error: 0, timeout: 1, protocol: 0 });
  });

  it("fails an error result with rtpengine's error-reason", async () => {
    const { client } = await setup((_, reply) => reply(Buffer.from(bencode.encode({ result: 'error', 'error-reason': 'Unknown call-id' }))));
    const e = (await client.request({ command: 'query', 'call-id': 'x' }).catch((err: unknown) => err)) as RtpengineError;
    expect(e).toBeInstanceOf(RtpengineError);
    expect(e.kind).toBe('error');
    expect(e.reason).toBe('Unknown call-id');
    expect(e.message).toBe('rtpengine query: Unknown call-id');
    expect(client.metrics.snapshot().rtt.count).toBe(1);
  });

  it('fails a reply it cannot read as a protocol error, and ignores replies to nobody', async () => {
    const { client } = await setup((_seen, reply, _all, sendRaw) => {
      sendRaw(Buffer.from('someone-else d6:result2:oke')); // loopback keeps the order: counted before the reply
      reply('not bencode');
    });
    const e = await client.request({ command: 'ping' }).catch((err: unknown) => err);
    expect(e).toMatchObject({ kind: 'protocol' });
    expect(client.metrics.snapshot().strayReplies).toBe(1);
  });

  it('fails what is still waiting when closed', async () => {
    const { client } = await setup(() => {}, { timeoutMs: 10_000 });
    const pending = client.request({ command: 'ping' }).catch((err: unknown) => err);
    await client.close();
    expect(await pending).toMatchObject({ kind: 'timeout', reason: 'the client was closed' });
  });
});
