import { describe, expect, it } from 'vitest';
import { request } from '../../../test/support/sip-messages.ts';
import { readInbound } from './inbound.ts';
import { header } from './message.ts';
import type { Peer } from './message.ts';
import { serializeMessage } from './serialize.ts';

const udp: Peer = { transport: 'udp', address: '203.0.113.7', port: 40123 };

describe('bytes in (inbound.ts)', () => {
  it('parses a request and stamps received on its top Via', () => {
    const result = readInbound(serializeMessage(request('OPTIONS', { sentBy: '10.0.0.1:5060' })), udp);
    expect(result.kind).toBe('request');
    if (result.kind === 'request') expect(header(result.request, 'Via')).toBe('SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1;received=203.0.113.7');
  });

  it('answers 400 to a request that does not parse but names enough to answer', () => {
    const text = serializeMessage(request('INVITE')).toString().replace('Content-Length: 0', 'Content-Length: 12345');
    const result = readInbound(Buffer.from(text), udp);
    expect(result.kind).toBe('reply');
    if (result.kind === 'reply') expect(result.response.status).toBe(400);
  });

  it('answers 400 to a request that parses but whose CSeq method is not its own', () => {
    const req = request('INVITE');
    req.headers = req.headers.map((h) => (h.name === 'CSeq' ? { name: 'CSeq', value: '1 BYE' } : h));
    expect(readInbound(serializeMessage(req), udp).kind).toBe('reply');
  });

  it('drops what cannot be answered, and keep-alives, without throwing', () => {
    expect(readInbound(Buffer.from('\r\n\r\n'), udp)).toMatchObject({ kind: 'drop', keepalive: true });
    expect(readInbound(Buffer.alloc(0), udp)).toMatchObject({ kind: 'drop', keepalive: true });
    expect(readInbound(Buffer.from('hello'), udp).kind).toBe('drop');
    expect(readInbound(Buffer.from('SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n'), udp).kind).toBe('drop');
    const noVia = request('OPTIONS');
    noVia.headers = noVia.headers.filter((h) => h.name !== 'Via');
    expect(readInbound(serializeMessage(noVia), udp).kind).toBe('drop');
    for (let i = 0; i < 2000; i++) {
      const junk = Buffer.from(Array.from({ length: (i % 300) + 1 }, (_, k) => (i * 31 + k * 7) % 256));
      expect(['drop', 'reply']).toContain(readInbound(junk, udp).kind);
    }
  });

  it('over TCP requires Content-Length', () => {
    const text = serializeMessage(request('OPTIONS')).toString().replace('Content-Length: 0\r\n', '');
    expect(readInbound(Buffer.from(text), { ...udp, transport: 'tcp' }).kind).toBe('reply');
    expect(readInbound(Buffer.from(text), udp).kind).toBe('request');
  });
});
