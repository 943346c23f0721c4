import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { Peer } from './message.ts';
import { grantedReceiveBuffer } from '../../../test/support/udp.ts';
import { UdpTransport } from './transport-udp.ts';

describe('UDP transport', () => {
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((o) => o.close()));
  });

  it('listens on a port the system picks, hands up each datagram with its source, and sends', async () => {
    const received: [string, Peer][] = [];
    let done!: () => void;
    const both = new Promise<void>((resolve) => (done = resolve));
    const t = await UdpTransport.listen('127.0.0.1', 0, {
      message: (data, from) => {
        received.push([data.toString(), from]);
        if (received.length === 2) done();
      },
      malformed: () => {},
    });
    open.push(t);
    const client = dgram.createSocket('udp4');
    open.push(client);
    await new Promise<void>((resolve) => client.bind(0, '127.0.0.1', resolve));
    client.send('one', t.local.port, '127.0.0.1');
    await t.send(Buffer.from('two'), { address: '127.0.0.1', port: t.local.port });
    await both;
    expect(received.map(([d]) => d).sort()).toEqual(['one', 'two']);
    expect(received.find(([d]) => d === 'one')![1]).toEqual({ transport: 'udp', address: '127.0.0.1', port: client.address().port });
    expect(received.find(([d]) => d === 'two')![1]).toEqual({ transport: 'udp', address: '127.0.0.1', port: t.local.port });
  });

  it('asks the kernel to keep 4 MiB of datagrams for it (as much as net.core.rmem_max allows), not its ~200 KB default', async () => {
    const t = await UdpTransport.listen('127.0.0.1', 0, { message: () => {}, malformed: () => {} });
    open.push(t);
    const socket = (t as unknown as { socket: dgram.Socket }).socket;
    expect(socket.getRecvBufferSize()).toBeGreaterThanOrEqual(grantedReceiveBuffer);
  });

  it('rejects a send it cannot make (a datagram over 64 KiB) without throwing', async () => {
    const t = await UdpTransport.listen('127.0.0.1', 0, { message: () => {}, malformed: () => {} });
    open.push(t);
    expect(t.local.port).toBeGreaterThan(0);
    await expect(t.send(Buffer.alloc(70_000), { address: '127.0.0.1', port: t.local.port })).rejects.toThrow();
  });
});
