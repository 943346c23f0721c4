// Which address a request comes from. X-Forwarded-For is written first by the client itself, then
// by each proxy on the way, so only the entries appended by proxies we were told about count: the
// client is the first address, reading from the socket leftwards, that is not a trusted proxy.
// Fastify (req.ip, hence the rate limits and the audit log) and the portal's fast path, which
// answers before Fastify, both use this one rule. See docs/adr/0012-client-addresses-and-login-abuse.md.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** TRUST_PROXY: no proxy, the number of proxies in front, or the proxies' addresses and networks. */
export type ProxyTrust = false | { hops: number } | { addresses: string[] };

/** Is the address at this position (0 = the socket's peer) a proxy we trust? */
export type TrustFn = (address: string, hop: number) => boolean;

const MAX_HOPS = 10;

/** Reads TRUST_PROXY; throws an Error whose message says what to write instead. */
export function parseProxyTrust(text: string): ProxyTrust {
  const v = text.trim().toLowerCase();
  if (['', '0', 'false', 'no'].includes(v)) return false;
  if (['true', 'yes'].includes(v)) {
    // Trusting every hop means trusting whatever the client writes in X-Forwarded-For.
    throw new Error('"true" would believe any X-Forwarded-For a client sends; give the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.5 or 10.0.0.0/8, comma-separated)');
  }
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > MAX_HOPS) throw new Error(`must be a number of proxies from 0 to ${MAX_HOPS}, or their addresses`);
    return { hops };
  }
  const addresses = v.split(',').map((a) => a.trim());
  const bad = addresses.filter((a) => !validEntry(a));
  if (bad.length)
    throw new Error(
      `${bad.map((b) => JSON.stringify(b)).join(', ')}: not an IP address or network (CIDR); give the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.5, 10.0.0.0/8)`,
    );
  return { addresses };
}

function validEntry(a: string): boolean {
  const [ip, bits, extra] = a.split('/');
  const family = isIP(ip ?? '');
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** The trust function for Fastify and clientAddress; false when no proxy is trusted. */
export function trustFunction(trust: ProxyTrust): TrustFn | false {
  if (trust === false) return false;
  if ('hops' in trust) {
    const hops = trust.hops;
    return hops === 0 ? false : (_address, hop) => hop < hops;
  }
  const list = new BlockList();
  for (const entry of trust.addresses) {
    const [ip, bits] = entry.split('/') as [string, string | undefined];
    const type = isIP(ip) === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  return (address) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/** The client's address as Fastify's req.ip gives it, for a request Fastify has not seen. */
export function clientAddress(req: IncomingMessage, trust: TrustFn | false): string {
  const peer = req.socket.remoteAddress ?? '';
  const header = req.headers['x-forwarded-for'];
  if (!trust || typeof header !== 'string' || !trust(peer, 0)) return peer;
  const entries = header
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  let address = peer;
  for (let hop = 1; entries.length > 0; hop++) {
    address = entries.pop()!;
    if (!trust(address, hop)) break;
  }
  return address;
}
