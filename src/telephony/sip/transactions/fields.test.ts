import { describe, expect, it } from 'vitest';
import { request } from '../../../../test/support/sip-messages.ts';
import { cseqOf, tagOf, topVia } from './fields.ts';

describe('the fields the transaction layer reads', () => {
  it('reads the top Via: transport, sent-by, branch', () => {
    const req = request('INVITE', { sentBy: 'pc33.atlanta.com:5066', branch: 'z9hG4bK776asdhds;rport' });
    req.headers.splice(1, 0, { name: 'Via', value: 'SIP/2.0/TCP second.example.com;branch=z9hG4bK-2' });
    expect(topVia(req)).toMatchObject({ transport: 'UDP', host: 'pc33.atlanta.com', port: 5066, branch: 'z9hG4bK776asdhds', rport: null });
  });

  it('gives undefined for a Via or CSeq it cannot read, or none', () => {
    const req = request('INVITE');
    req.headers = req.headers.map((h) => (h.name === 'Via' ? { name: 'Via', value: 'SIP/2.0 host' } : h.name === 'CSeq' ? { name: 'CSeq', value: 'one INVITE' } : h));
    expect(topVia(req)).toBeUndefined();
    expect(cseqOf(req)).toBeUndefined();
    req.headers = [];
    expect(topVia(req)).toBeUndefined();
    expect(cseqOf(req)).toBeUndefined();
  });

  it('reads CSeq and tags', () => {
    expect(cseqOf(request('INVITE', { cseq: 314159 }))).toEqual({ seq: 314159, method: 'INVITE' });
    expect(tagOf('"Bob ;tag=fake" <sip:bob@example.com;tag=uri>;tag=real')).toBe('real');
    expect(tagOf('<sip:alice@example.com>')).toBeUndefined();
  });
});
