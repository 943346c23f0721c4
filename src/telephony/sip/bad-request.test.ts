import { describe, expect, it } from 'vitest';
import { badRequestFor } from './bad-request.ts';
import { header, headers } from './message.ts';

const lines = (...l: string[]) => Buffer.from(`${l.join('\r\n')}\r\n\r\n`);
const head = ['Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-a', 'v: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-b', 'From: <sip:a@x>;tag=1', 'To: <sip:b@y>', 'i: call-9', 'CSeq: 7 INVITE'];

describe('a 400 for a request that did not parse', () => {
  it('copies the Vias, From, To (adding a tag), Call-ID and CSeq from whatever lines it can read', () => {
    const res = badRequestFor(lines('INVITE sip:b@y SIP/2.0', ...head, 'Content-Length: banana', '::: garbage'))!;
    expect(res.status).toBe(400);
    expect(headers(res, 'Via')).toEqual(['SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-a', 'SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-b']);
    expect(header(res, 'Call-ID')).toBe('call-9');
    expect(header(res, 'CSeq')).toBe('7 INVITE');
    expect(header(res, 'To')).toMatch(/^<sip:b@y>;tag=[0-9a-f]{12}$/);
  });

  it('has nothing for a response, an ACK, a request line it cannot read, or a request missing a field', () => {
    expect(badRequestFor(lines('SIP/2.0 200 OK', ...head))).toBeUndefined();
    expect(badRequestFor(lines('ACK sip:b@y SIP/2.0', ...head))).toBeUndefined();
    expect(badRequestFor(lines('INVITE sip:b@y SIP/3.0', ...head))).toBeUndefined();
    expect(badRequestFor(lines('INVITE sip:b@y SIP/2.0', ...head.filter((h) => !h.startsWith('CSeq'))))).toBeUndefined();
    expect(badRequestFor(lines('INVITE sip:b@y SIP/2.0', ...head.filter((h) => !/^(Via|v):/.test(h))))).toBeUndefined();
    expect(badRequestFor(Buffer.from([0xff, 0xfe, 0x00, 0x41]))).toBeUndefined();
  });
});
