import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EdgeConfigError, edgeVariables, loadEdgeConfig } from './config.ts';

const base = { OTVET_URL: 'http://127.0.0.1:8122', OTVET_TOKEN: 'otvet_abc', EDGE_TRUNKS: '10.0.0.5=77' };

const problems = (env: Record<string, string>) => {
  try {
    loadEdgeConfig(env, '/srv');
  } catch (err) {
    expect(err).toBeInstanceOf(EdgeConfigError);
    return (err as EdgeConfigError).problems;
  }
  throw new Error('expected a configuration error');
};

describe('the edge configuration', () => {
  it('has defaults for everything but where otvet is, the token and the trunks', () => {
    const c = loadEdgeConfig(base, '/srv');
    expect(c.otvet).toEqual({ url: 'http://127.0.0.1:8122', token: 'otvet_abc' });
    expect(c.listen.udp).toEqual({ host: '0.0.0.0', port: 5060 });
    expect(c.listen.tcp).toEqual({ host: '0.0.0.0', port: 5060 });
    expect(c.listen.ws).toEqual({ host: '0.0.0.0', port: 5066 });
    expect(c.rtpengine).toEqual({ host: '127.0.0.1', port: 2223 });
    expect(c.dataDir).toBe('/srv/data/edge');
    expect(c.numbers.get('122')).toBeNull();
    expect(c.limits).toEqual({ newCallsPerSecond: 80, activeCalls: 1000 });
  });

  it('names every bad variable at once, with what it must be', () => {
    const p = problems({ OTVET_URL: 'ftp://x', EDGE_SIP_UDP: '1.2.3.4:99999', EDGE_MAX_CPS: 'many', EDGE_TRUNKS: '10.0.0.5=7' });
    expect(p.join('\n')).toMatch(/OTVET_URL="ftp:\/\/x": must be an http\(s\) URL/);
    expect(p.join('\n')).toMatch(/OTVET_TOKEN: required/);
    expect(p.join('\n')).toMatch(/EDGE_SIP_UDP="1.2.3.4:99999": port must be 1–65535/);
    expect(p.join('\n')).toMatch(/EDGE_MAX_CPS="many": must be a whole number/);
    expect(p.join('\n')).toMatch(/EDGE_TRUNKS="10.0.0.5=7": "10.0.0.5=7": region must be a two-digit code/);
  });

  it('takes trunks as addresses or networks with their region, IPv4 and IPv6', () => {
    const c = loadEdgeConfig({ ...base, EDGE_TRUNKS: '10.0.0.5=77, 192.168.10.0/24=50, [2001:db8::1]=66' }, '/srv');
    expect(c.trunkRegion('10.0.0.5')).toBe('77');
    expect(c.trunkRegion('192.168.10.200')).toBe('50');
    expect(c.trunkRegion('192.168.11.1')).toBeNull();
    expect(c.trunkRegion('2001:db8::1')).toBe('66');
    expect(c.trunkRegion('::ffff:10.0.0.5')).toBe('77');
    expect(c.trunkRegion('10.0.0.6')).toBeNull();
    expect(problems({ ...base, EDGE_TRUNKS: '10.0.0.300=77' }).join()).toMatch(/"10.0.0.300=77": not an IP address or network/);
    expect(problems({ ...base, EDGE_TRUNKS: '' }).join()).toMatch(/EDGE_TRUNKS: required/);
  });

  it('knows where trunks take outbound calls (callbacks): by the address a call came from; none set is null', () => {
    const c = loadEdgeConfig(
      { ...base, EDGE_TRUNKS: '10.0.0.5=77, 192.168.10.0/24=50, [2001:db8::1]=66', EDGE_TRUNK_OUTBOUND: '10.0.0.5=sip:10.0.0.5:5080;transport=tcp, 192.168.10.0/28=sip:sbc.example.ru' },
      '/srv',
    );
    expect(c.trunkOutbound('10.0.0.5')).toBe('sip:10.0.0.5:5080;transport=tcp');
    expect(c.trunkOutbound('::ffff:10.0.0.5')).toBe('sip:10.0.0.5:5080;transport=tcp');
    expect(c.trunkOutbound('192.168.10.3')).toBe('sip:sbc.example.ru');
    // (the rest of that trunk's network, and the trunk without a setting: the edge calls back where the call came from)
    expect(c.trunkOutbound('192.168.10.200')).toBeNull();
    expect(c.trunkOutbound('2001:db8::1')).toBeNull();
    expect(loadEdgeConfig(base, '/srv').trunkOutbound('10.0.0.5')).toBeNull();
  });

  it('names every bad outbound setting: not a sip: URI, a user part, TLS, a transport the edge lacks; no trunk there, or its transport off', () => {
    const p = problems({
      ...base,
      EDGE_TRUNK_OUTBOUND: '10.0.0.5=http://x, 10.0.0.5=sip:122@10.0.0.5, 10.0.0.5=sips:10.0.0.5, 10.0.0.5=sip:10.0.0.5;transport=sctp, 10.0.0.5',
    }).join('\n');
    expect(p).toMatch(/^EDGE_TRUNK_OUTBOUND=".*": "10.0.0.5=http:\/\/x": .*not a sip: or sips: URI/);
    expect(p).toMatch(/; "10.0.0.5=sip:122@10.0.0.5": name no user part \(the caller's number goes there\)/);
    expect(p).toMatch(/; "10.0.0.5=sips:10.0.0.5": sips needs TLS, which the edge does not speak/);
    expect(p).toMatch(/; "10.0.0.5=sip:10.0.0.5;transport=sctp": transport must be udp or tcp/);
    expect(p).toMatch(/; "10.0.0.5": must be address=sip:host\[:port\]\[;transport=tcp\] or network\/prefix=…/);
    const q = problems({ ...base, EDGE_SIP_TCP: 'off', EDGE_TRUNK_OUTBOUND: '10.0.0.9=sip:10.0.0.9, 10.0.0.5=sip:10.0.0.5;transport=tcp' });
    expect(q).toEqual([
      'EDGE_TRUNK_OUTBOUND: "10.0.0.9=sip:10.0.0.9": 10.0.0.9 is in no trunk of EDGE_TRUNKS',
      'EDGE_TRUNK_OUTBOUND: "10.0.0.5=sip:10.0.0.5;transport=tcp": TCP, but EDGE_SIP_TCP is off',
    ]);
  });

  it('maps dialled numbers to a region, or to the trunk’s', () => {
    const c = loadEdgeConfig({ ...base, EDGE_NUMBERS: '122, 84951234567=77' }, '/srv');
    expect(c.numbers.get('122')).toBeNull();
    expect(c.numbers.get('84951234567')).toBe('77');
    expect(problems({ ...base, EDGE_NUMBERS: '12a' }).join()).toMatch(/EDGE_NUMBERS="12a": "12a": a number is digits only/);
  });

  it('turns a transport off with "off", and refuses to turn them all off', () => {
    const c = loadEdgeConfig({ ...base, EDGE_SIP_WS: 'off' }, '/srv');
    expect(c.listen.ws).toBeNull();
    expect(problems({ ...base, EDGE_SIP_WS: 'off', EDGE_SIP_TCP: 'off', EDGE_SIP_UDP: 'off' }).join()).toMatch(/at least one of EDGE_SIP_UDP, EDGE_SIP_TCP, EDGE_SIP_WS/);
  });

  it('takes IPv6 listen addresses in brackets', () => {
    const c = loadEdgeConfig({ ...base, EDGE_SIP_UDP: '[::1]:5070', EDGE_SIP_TCP: '[::1]:5070', EDGE_SIP_WS: 'off', EDGE_PUBLIC_HOST: 'edge.example.ru' }, '/srv');
    expect(c.listen.udp).toEqual({ host: '::1', port: 5070 });
    expect(c.publicHost).toBe('edge.example.ru');
  });

  it('listens on one address for every transport (the SIP stack has one)', () => {
    expect(problems({ ...base, EDGE_SIP_UDP: '[::1]:5070' }).join()).toMatch(/EDGE_SIP_UDP, EDGE_SIP_TCP and EDGE_SIP_WS must listen on one address \(they name ::1, 0.0.0.0\)/);
  });

  it("knows where rtpengine's key presses come and the digest realm of operators' phones", () => {
    const c = loadEdgeConfig(base, '/srv');
    expect(c.dtmf).toEqual({ host: '127.0.0.1', port: 2224 });
    expect(c.sipRealm).toBe('otvet');
    const d = loadEdgeConfig({ ...base, EDGE_DTMF: '127.0.0.1:3000', EDGE_SIP_REALM: 'otvet.example' }, '/srv');
    expect([d.dtmf.port, d.sipRealm]).toEqual([3000, 'otvet.example']);
    expect(problems({ ...base, EDGE_SIP_REALM: 'bad realm' }).join()).toMatch(/EDGE_SIP_REALM="bad realm": letters, digits, dots and hyphens only/);
  });

  it('documents every variable in .env.example', () => {
    const example = fs.readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    for (const name of edgeVariables) expect(example, name).toMatch(new RegExp(`^# .+\\n${name}=`, 'm'));
  });
});
