import { describe, expect, it } from 'vitest';
import type { Peer } from '../sip/message.ts';
import { request } from '../../../test/support/sip-messages.ts';
import { loadEdgeConfig } from './config.ts';
import { callbackUri, callerOf, routeInvite } from './trunk-routing.ts';

const config = loadEdgeConfig(
  {
    OTVET_URL: 'http://127.0.0.1:8122',
    OTVET_TOKEN: 'otvet_x',
    EDGE_TRUNKS: '10.0.0.5=77, 192.168.10.0/24=50, [2001:db8::1]=66',
    EDGE_NUMBERS: '122, 84951234567=66',
    EDGE_TRUNK_OUTBOUND: '10.0.0.5=sip:10.0.0.5:5080',
  },
  '/srv',
);
const from = (address: string): Peer => ({ transport: 'udp', address, port: 5060 });
const invite = (uri: string, extra: { name: string; value: string }[] = [], fromUser = '79161234512') => {
  const r = request('INVITE', { uri, extra });
  return { ...r, headers: r.headers.map((h) => (h.name === 'From' ? { ...h, value: `<sip:${fromUser}@10.0.0.5>;tag=f1` } : h)) };
};

describe('which calls the edge takes', () => {
  it('a configured number from a trunk: the trunk’s region, or the number’s own', () => {
    expect(routeInvite(config, invite('sip:122@edge'), from('10.0.0.5'))).toEqual({ ok: true, region: '77', dialled: '122', caller: '79161234512', callbackVia: 'sip:10.0.0.5:5080' });
    expect(routeInvite(config, invite('sip:122@edge'), from('192.168.10.44'))).toMatchObject({ ok: true, region: '50' });
    expect(routeInvite(config, invite('sip:84951234567@edge'), from('10.0.0.5'))).toMatchObject({ ok: true, region: '66', dialled: '84951234567' });
    expect(routeInvite(config, invite('tel:8-495-123-45-67'), from('10.0.0.5'))).toMatchObject({ ok: true, dialled: '84951234567' });
  });

  it('403 from any address that is no trunk, before anything else is looked at', () => {
    expect(routeInvite(config, invite('sip:122@edge'), from('10.0.0.6'))).toEqual({ ok: false, status: 403, reason: 'Forbidden' });
    expect(routeInvite(config, invite('sip:999@edge'), from('127.0.0.1'))).toMatchObject({ status: 403 });
  });

  it('404 for a number it does not answer, or none', () => {
    expect(routeInvite(config, invite('sip:123@edge'), from('10.0.0.5'))).toMatchObject({ ok: false, status: 404 });
    expect(routeInvite(config, invite('sip:edge.example'), from('10.0.0.5'))).toMatchObject({ ok: false, status: 404 });
  });

  it('a callback goes where the trunk takes outbound calls, else to the address the call came from (port 5060, its transport)', () => {
    expect(routeInvite(config, invite('sip:122@edge'), from('192.168.10.44'))).toMatchObject({ callbackVia: 'sip:192.168.10.44' });
    expect(routeInvite(config, invite('sip:122@edge'), { transport: 'tcp', address: '192.168.10.44', port: 40123 })).toMatchObject({ callbackVia: 'sip:192.168.10.44;transport=tcp' });
    expect(routeInvite(config, invite('sip:122@edge'), from('2001:db8::1'))).toMatchObject({ callbackVia: 'sip:[2001:db8::1]' });
    // the caller's number as the Request-URI's user
    expect(callbackUri('sip:10.0.0.5:5080;transport=tcp', '+79161234512')).toBe('sip:+79161234512@10.0.0.5:5080;transport=tcp');
    expect(callbackUri('sip:[2001:db8::1]', '79161234512')).toBe('sip:79161234512@[2001:db8::1]');
  });

  it('the caller: as the trunk asserts it, else From; null when hidden', () => {
    expect(callerOf(invite('sip:122@edge', [{ name: 'P-Asserted-Identity', value: '<sip:+79031112233@trunk>' }]))).toBe('+79031112233');
    expect(callerOf(invite('sip:122@edge', [{ name: 'P-Asserted-Identity', value: '<tel:+7-903-111-22-33>' }]))).toBe('+79031112233');
    expect(callerOf(invite('sip:122@edge'))).toBe('79161234512');
    expect(callerOf(invite('sip:122@edge', [{ name: 'Privacy', value: 'id' }]))).toBeNull();
    expect(callerOf(invite('sip:122@edge', [], 'anonymous'))).toBeNull();
    expect(callerOf(invite('sip:122@edge', [], 'trunk'))).toBeNull();
  });
});
