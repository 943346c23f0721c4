import { describe, expect, it } from 'vitest';
import { request } from '../../../test/support/sip-messages.ts';
import { header, headers } from './message.ts';
import type { Peer } from './message.ts';
import { stampReceived } from './via-received.ts';

const from: Peer = { transport: 'udp', address: '203.0.113.7', port: 40123 };

describe('received and rport on the top Via (§18.2.1, RFC 3581)', () => {
  it('adds received when sent-by names another host', () => {
    const req = request('INVITE', { sentBy: 'pc33.atlanta.com' });
    stampReceived(req, from);
    expect(header(req, 'Via')).toBe('SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK-1;received=203.0.113.7');
  });

  it('leaves the Via alone when sent-by is the source address and no rport was asked', () => {
    const req = request('INVITE', { sentBy: '203.0.113.7:5060' });
    stampReceived(req, from);
    expect(header(req, 'Via')).toBe('SIP/2.0/UDP 203.0.113.7:5060;branch=z9hG4bK-1');
  });

  it('fills an empty rport with the source port, and adds received even for the same host', () => {
    const req = request('INVITE', { sentBy: '203.0.113.7:5060', branch: 'z9hG4bK-1;rport' });
    stampReceived(req, from);
    expect(header(req, 'Via')).toBe('SIP/2.0/UDP 203.0.113.7:5060;branch=z9hG4bK-1;received=203.0.113.7;rport=40123');
  });

  it('touches only the top Via, and replaces a received the sender wrote itself', () => {
    const req = request('INVITE', { sentBy: '10.0.0.1', branch: 'z9hG4bK-1;received=1.1.1.1' });
    req.headers.splice(1, 0, { name: 'Via', value: 'SIP/2.0/UDP proxy.example.com;branch=z9hG4bK-p' });
    stampReceived(req, from);
    expect(headers(req, 'Via')).toEqual(['SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-1;received=203.0.113.7', 'SIP/2.0/UDP proxy.example.com;branch=z9hG4bK-p']);
  });

  it('compares an IPv6 sent-by without its brackets', () => {
    const req = request('INVITE', { sentBy: '[2001:db8::1]:5060' });
    stampReceived(req, { transport: 'udp', address: '2001:db8::1', port: 5060 });
    expect(header(req, 'Via')).toBe('SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK-1');
  });
});
