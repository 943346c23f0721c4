import { describe, expect, it } from 'vitest';
import type { SipMessage } from './message.ts';
import { parseMessage } from './parse.ts';
import { serializeMessage } from './serialize.ts';

describe('serializeMessage', () => {
  it('writes the start line, the fields in order and Content-Length from the body, whatever the fields said', () => {
    const m: SipMessage = {
      kind: 'request',
      method: 'MESSAGE',
      uri: 'sip:bob@example.com',
      headers: [
        { name: 'Via', value: 'SIP/2.0/UDP h;branch=z9hG4bK1' },
        { name: 'Content-Length', value: '999' },
        { name: 'Call-ID', value: 'c@h' },
      ],
      body: Buffer.from('привет'),
    };
    expect(serializeMessage(m).toString()).toBe('MESSAGE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c@h\r\nContent-Length: 12\r\n\r\nпривет');
  });

  it('writes a response and round-trips through the parser', () => {
    const m: SipMessage = { kind: 'response', status: 486, reason: 'Busy Here', headers: [{ name: 'To', value: '<sip:a@b>;tag=1' }], body: Buffer.alloc(0) };
    const bytes = serializeMessage(m);
    expect(bytes.toString()).toBe('SIP/2.0 486 Busy Here\r\nTo: <sip:a@b>;tag=1\r\nContent-Length: 0\r\n\r\n');
    expect(parseMessage(bytes, { stream: true })).toEqual({ ...m, headers: [...m.headers, { name: 'Content-Length', value: '0' }] });
  });

  it('refuses a line break in a value or a name that is no token: one field must not smuggle in another', () => {
    const base = { kind: 'response', status: 200, reason: 'OK', body: Buffer.alloc(0) } as const;
    expect(() => serializeMessage({ ...base, headers: [{ name: 'X', value: 'a\r\nVia: evil' }] })).toThrow(TypeError);
    expect(() => serializeMessage({ ...base, headers: [{ name: 'X: y', value: 'a' }] })).toThrow(TypeError);
    expect(() => serializeMessage({ ...base, reason: 'OK\r\nX: y', headers: [] })).toThrow(TypeError);
    expect(() => serializeMessage({ kind: 'request', method: 'INVITE', uri: 'sip:a b', headers: [], body: Buffer.alloc(0) })).toThrow(TypeError);
  });
});
