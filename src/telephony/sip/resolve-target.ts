// A SIP URI to the address, port and transport a request goes to (a small part of RFC 3263): the
// `transport` parameter (UDP when none), the port or 5060, and the host — an IP address as it is, a
// name through the system's resolver (A/AAAA; no NAPTR or SRV: trunks and phones name their address).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Peer } from './message.ts';
import { parseUri } from './uri.ts';

const TRANSPORTS: Record<string, Peer['transport']> = { udp: 'udp', tcp: 'tcp', ws: 'ws' };

/** Where a request for `uri` goes; rejects a URI that is not sip:, or names a transport the edge lacks (TLS, SCTP, WSS). */
export async function resolveTarget(uri: string): Promise<Peer> {
  const parsed = parseUri(uri);
  if (parsed.scheme === 'sips') throw new Error(`${uri}: sips needs TLS, which this edge does not speak`);
  const param = parsed.params.get('transport');
  const transport = param === undefined || param === null ? 'udp' : TRANSPORTS[param.toLowerCase()];
  if (!transport) throw new Error(`${uri}: transport ${param} is not one this edge speaks`);
  const maddr = parsed.params.get('maddr');
  const host = (maddr ?? parsed.host).replace(/^\[(.*)\]$/, '$1');
  const address = isIP(host) ? host : (await lookup(host)).address;
  return { transport, address, port: parsed.port ?? 5060 };
}
