import { describe, expect, it } from 'vitest';
import { request } from '../../../../test/support/sip-messages.ts';
import { cseqOf, readVia, tagOf } from './fields.ts';

describe('the fields the transaction layer reads', () => {
  it('reads a Via: transport, sent-by and parameters, IPv6 and odd spacing included', () => {
    const via = readVia('SIP/2.0/UDP pc33.Atlanta.com:5066;branch=z9hG4bK776asdhds;rport;received=192.0.2.1');
    expect(via).toEqual({
      transport: 'UDP',
      host: 'pc33.atlanta.com',
      port: 5066,
      params: new Map([
        ['branch', 'z9hG4bK776asdhds'],
        ['rport', ''],
        ['received', '192.0.2.1'],
      ]),
    });
    expect(readVia('SIP / 2.0 / tcp [2001:db8::9]:5060 ; branch=z9hG4bK-x')).toMatchObject({ transport: 'TCP', host: '[2001:db8::9]', port: 5060 });
    expect(readVia('SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK56sdasks')).toMatchObject({ transport: 'WS', host: 'df7jal23ls0d.invalid', port: undefined });
  });

  it('gives undefined for what is not a Via', () => {
    for (const bad of ['', 'SIP/2.0 host', 'SIP/3.0/UDP host', 'SIP/2.0/UDP host:99999', 'SIP/2.0/UDP host;;', 'SIP/2.0/UDP']) expect(readVia(bad)).toBeUndefined();
  });

  it('reads CSeq and tags (a ;tag= inside the display name or the URI does not count)', () => {
    expect(cseqOf(request('INVITE', { cseq: 314159 }))).toEqual({ seq: 314159, method: 'INVITE' });
    expect(tagOf('"Bob ;tag=fake" <sip:bob@example.com;tag=uri>;tag=real')).toBe('real');
    expect(tagOf('sip:alice@example.com;tag=1928301774')).toBe('1928301774');
    expect(tagOf('<sip:alice@example.com>')).toBeUndefined();
  });
});
