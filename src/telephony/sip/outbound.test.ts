import { describe, expect, it } from 'vitest';
import { request } from '../../../test/support/sip-messages.ts';
import { header, headers } from './message.ts';
import { cancelFor, newBranch, withOwnVia } from './outbound.ts';

describe('requests on their way out', () => {
  it('get our Via on top with a fresh magic-cookie branch and rport', () => {
    const req = request('OPTIONS', { branch: 'old-style' });
    const out = withOwnVia(req, 'tcp', '127.0.0.1:5060');
    expect(headers(out, 'Via')[0]).toMatch(/^SIP\/2\.0\/TCP 127\.0\.0\.1:5060;branch=z9hG4bK[A-Za-z0-9_-]{12};rport$/);
    expect(headers(out, 'Via')).toHaveLength(2);
    expect(req.headers).toHaveLength(out.headers.length - 1);
    expect(newBranch()).not.toBe(newBranch());
  });

  it('keep a Via the TU put there with a magic-cookie branch', () => {
    const req = request('CANCEL', { branch: 'z9hG4bK-invite' });
    expect(withOwnVia(req, 'udp', '127.0.0.1:5060')).toBe(req);
  });

  it('CANCEL: the INVITE’s Request-URI, top Via, Route, From, To, Call-ID and CSeq number (§9.1)', () => {
    const invite = request('INVITE', { cseq: 42, extra: [{ name: 'Route', value: '<sip:p1;lr>' }] });
    const cancel = cancelFor(invite);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.uri).toBe(invite.uri);
    for (const name of ['Via', 'From', 'To', 'Call-ID']) expect(header(cancel, name)).toBe(header(invite, name));
    expect(header(cancel, 'CSeq')).toBe('42 CANCEL');
    expect(headers(cancel, 'Route')).toEqual(['<sip:p1;lr>']);
  });
});
