import { describe, expect, it } from 'vitest';
import { request } from '../../../test/support/sip-messages.ts';
import type { Peer } from './message.ts';
import { responseDestination } from './response-route.ts';
import { stampReceived } from './via-received.ts';

function arrived(source: Peer, sentBy: string, branch = 'z9hG4bK-1') {
  const req = request('INVITE', { sentBy, branch, transport: source.transport.toUpperCase() });
  stampReceived(req, source);
  return req;
}

describe('where a response goes (§18.2.2, RFC 3581)', () => {
  const udp: Peer = { transport: 'udp', address: '203.0.113.7', port: 40123 };

  it('UDP: to received and the sent-by port (5060 when none)', () => {
    expect(responseDestination(arrived(udp, '10.0.0.1:5070'), udp, () => false)).toEqual({ address: '203.0.113.7', port: 5070 });
    expect(responseDestination(arrived(udp, 'pc.example.com'), udp, () => false)).toEqual({ address: '203.0.113.7', port: 5060 });
  });

  it('UDP with rport: to the source address and port', () => {
    expect(responseDestination(arrived(udp, '10.0.0.1:5070', 'z9hG4bK-1;rport'), udp, () => false)).toEqual({ address: '203.0.113.7', port: 40123 });
  });

  it('UDP from the address in sent-by: to sent-by', () => {
    expect(responseDestination(arrived(udp, '203.0.113.7:5062'), udp, () => false)).toEqual({ address: '203.0.113.7', port: 5062 });
  });

  it('TCP: back over the open connection; when it has closed, to received and the sent-by port', () => {
    const tcp: Peer = { transport: 'tcp', address: '203.0.113.7', port: 50000 };
    const req = arrived(tcp, '10.0.0.1:5070');
    expect(responseDestination(req, tcp, () => true)).toEqual({ address: '203.0.113.7', port: 50000 });
    expect(responseDestination(req, tcp, () => false)).toEqual({ address: '203.0.113.7', port: 5070 });
  });

  it('WS: only over the open connection', () => {
    const ws: Peer = { transport: 'ws', address: '203.0.113.7', port: 50000 };
    const req = arrived(ws, 'df7jal23ls0d.invalid');
    expect(responseDestination(req, ws, () => true)).toEqual({ address: '203.0.113.7', port: 50000 });
    expect(responseDestination(req, ws, () => false)).toBeUndefined();
  });
});
