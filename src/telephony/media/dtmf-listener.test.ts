// The listener's reading of rtpengine's DTMF datagrams (rtpengine.test.ts has the daemon send real ones).
import { afterEach, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import { DtmfListener, parseDtmfEvent, type DtmfEvent } from './dtmf-listener.ts';
import { grantedReceiveBuffer } from '../../../test/support/udp.ts';

// As rtpengine 10.5 writes it (daemon/dtmf.c, dtmf_json_print).
const sample = '{"callid":"call-1","source_tag":"caller-tag","tags":["caller-tag","operator-tag"],"type":"DTMF","timestamp":1733400000,"source_ip":"127.0.0.1","event":11,"duration":200,"volume":10}';

describe('parseDtmfEvent', () => {
  it('reads the call, who pressed, the digit, duration and volume', () => {
    expect(parseDtmfEvent(sample)).toEqual({
      callId: 'call-1',
      sourceTag: 'caller-tag',
      tags: ['caller-tag', 'operator-tag'],
      digit: '#',
      event: 11,
      durationMs: 200,
      volume: 10,
      sourceIp: '127.0.0.1',
      timestamp: 1733400000,
    });
  });

  it('maps event codes to keys: 0–9, *, #, A–D', () => {
    const digit = (event: number) => (parseDtmfEvent(sample.replace('"event":11', `"event":${event}`)) as DtmfEvent).digit;
    expect([0, 1, 9, 10, 11, 12, 15].map(digit)).toEqual(['0', '1', '9', '*', '#', 'A', 'D']);
  });

  it('says why a datagram is not an event', () => {
    expect(parseDtmfEvent('nonsense')).toEqual({ invalid: 'not JSON' });
    expect(parseDtmfEvent('[1]')).toEqual({ invalid: 'no callid or source_tag' });
    expect(parseDtmfEvent(sample.replace('"event":11', '"event":16'))).toEqual({ invalid: 'event 16' });
    expect(parseDtmfEvent(sample.replace('"type":"DTMF"', '"type":"other"'))).toEqual({ invalid: 'type other' });
  });
});

describe('DtmfListener', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) await o.close();
  });

  async function sender() {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    open.push({ close: () => new Promise<void>((r) => s.close(() => r())) });
    return (to: number, text: string) => new Promise<void>((r) => s.send(text, to, '127.0.0.1', () => r()));
  }

  it('asks the kernel to keep 4 MiB of key presses for it (as much as net.core.rmem_max allows): one lost leaves a caller in the menu', async () => {
    const listener = await DtmfListener.open({ onEvent: () => {} });
    open.push(listener);
    expect((listener as unknown as { socket: dgram.Socket }).socket.getRecvBufferSize()).toBeGreaterThanOrEqual(grantedReceiveBuffer);
  });

  it('hands each event to the edge and each bad datagram to onInvalid', async () => {
    const events: DtmfEvent[] = [];
    const invalid: string[] = [];
    let done!: () => void;
    const twoSeen = new Promise<void>((r) => (done = r));
    const listener = await DtmfListener.open({
      onEvent: (e) => {
        events.push(e);
        if (events.length + invalid.length === 2) done();
      },
      onInvalid: (why) => {
        invalid.push(why);
        if (events.length + invalid.length === 2) done();
      },
    });
    open.push(listener);
    expect(listener.address).toBe('127.0.0.1');
    const send = await sender();
    await send(listener.port, 'garbage');
    await send(listener.port, sample);
    await twoSeen;
    expect(events.map((e) => e.digit)).toEqual(['#']);
    expect(invalid).toEqual(['not JSON']);
  });

  it('ignores senders other than rtpengine when told its address', async () => {
    const invalid: string[] = [];
    let seen!: () => void;
    const one = new Promise<void>((r) => (seen = r));
    const listener = await DtmfListener.open({
      allowFrom: ['10.9.9.9'],
      onEvent: () => invalid.push('accepted'),
      onInvalid: (why) => {
        invalid.push(why);
        seen();
      },
    });
    open.push(listener);
    await (
      await sender()
    )(listener.port, sample);
    await one;
    expect(invalid).toEqual(['from 127.0.0.1, not rtpengine']);
  });
});
