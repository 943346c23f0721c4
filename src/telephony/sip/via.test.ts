import { describe, expect, it } from 'vitest';
import { SipParseError } from './errors.ts';
import { formatVia, parseVia } from './via.ts';

describe('parseVia', () => {
  it('reads protocol, transport, sent-by and the typed parameters', () => {
    expect(parseVia('SIP/2.0/udp pc33.example.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5070;maddr=224.2.0.1;ttl=16;x=y')).toEqual({
      protocol: 'SIP',
      version: '2.0',
      transport: 'UDP',
      host: 'pc33.example.com',
      port: 5066,
      branch: 'z9hG4bK776asdhds',
      received: '192.0.2.1',
      rport: 5070,
      maddr: '224.2.0.1',
      ttl: 16,
      extensions: new Map([['x', 'y']]),
    });
  });

  it('takes SWS around / : ; = (RFC 4475 §3.1.1.1), IPv6 and an rport without a value', () => {
    expect(parseVia('SIP  / 2.0  / TCP     spindle.example.com   ; branch  =   z9hG4bK9ikj8')).toMatchObject({ transport: 'TCP', host: 'spindle.example.com', branch: 'z9hG4bK9ikj8' });
    expect(parseVia('SIP/2.0/UDP [2001:db8::9] : 5060;rport;received=2001:db8::1')).toMatchObject({ host: '[2001:db8::9]', port: 5060, rport: null, received: '2001:db8::1' });
    expect(parseVia('SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKasudf')).toMatchObject({ transport: 'WSS' });
  });

  it.each([
    'SIP/2.0/UDP',
    'SIP/2.0 UDP host',
    'SIP/7.0/UDP host',
    'SIP/2.0/UDP 192.0.2.15;;',
    ';',
    'SIP/2.0/UDP host;branch',
    'SIP/2.0/UDP host;received=example.com',
    'SIP/2.0/UDP host;ttl=256',
    'SIP/2.0/UDP host;rport=x',
    'SIP/2.0/UDP host:70000',
    'SIP/2.0/UDP ho$t',
  ])('refuses %j', (text) => {
    expect(() => parseVia(text)).toThrow(SipParseError);
  });
});

describe('formatVia', () => {
  it('writes what parseVia reads', () => {
    const text = 'SIP/2.0/TCP [::1]:5060;branch=z9hG4bKx;received=10.0.0.1;rport=1234;maddr=h;ttl=1;foo;bar="b z"';
    expect(formatVia(parseVia(text))).toBe(text);
    expect(parseVia(formatVia(parseVia(text)))).toEqual(parseVia(text));
  });
});
