// Which calls the edge takes (issue 14, trunk side): an INVITE from a configured trunk address to a
// configured number. The region is the number's own, else the trunk's; the caller's number is what
// the trunk asserts (P-Asserted-Identity, else From), null when hidden. Others get 403 or 404. And
// where a callback to the caller goes: the trunk's outbound URI (EDGE_TRUNK_OUTBOUND), else the
// address the call came from on port 5060, with the caller's number as the Request-URI's user.
import net from 'node:net';
import { header } from '../sip/message.ts';
import type { Peer, SipRequest } from '../sip/message.ts';
import { parseNameAddr } from '../sip/name-addr.ts';
import { formatUri, parseUri } from '../sip/uri.ts';
import { plainAddress, type EdgeConfig } from './config.ts';

export type TrunkRoute =
  | {
      ok: true;
      region: string;
      dialled: string;
      caller: string | null;
      /** Where this trunk takes a callback to the caller: a sip: URI without a user part. */
      callbackVia: string;
    }
  | { ok: false; status: 403 | 404; reason: string };

/** The user part of a sip:/sips:/tel: URI, visual separators removed (tel: numbers may carry them). */
function numberOf(uri: string): string | undefined {
  try {
    const user = uri.toLowerCase().startsWith('tel:') ? uri.slice(4).split(';')[0] : parseUri(uri).user?.split(';')[0];
    return user?.replace(/[-.() ]/g, '') || undefined;
  } catch {
    return undefined;
  }
}

/** The caller's number, or null when the trunk hides it (Privacy: id, anonymous). */
export function callerOf(invite: SipRequest): string | null {
  const privacy = header(invite, 'Privacy')?.toLowerCase() ?? '';
  if (/\b(id|user|header)\b/.test(privacy)) return null;
  for (const name of ['P-Asserted-Identity', 'From']) {
    const value = header(invite, name);
    if (value === undefined) continue;
    try {
      const n = numberOf(parseNameAddr(value.split(',')[0]!, name).uri);
      if (n && n.toLowerCase() !== 'anonymous' && /^\+?\d{3,20}$/.test(n)) return n;
    } catch {
      // unreadable: try the next field
    }
  }
  return null;
}

export function routeInvite(config: Pick<EdgeConfig, 'trunkRegion' | 'trunkOutbound' | 'numbers'>, invite: SipRequest, source: Peer): TrunkRoute {
  const trunkRegion = config.trunkRegion(source.address);
  if (trunkRegion === null) return { ok: false, status: 403, reason: 'Forbidden' };
  const dialled = numberOf(invite.uri);
  if (dialled === undefined || !config.numbers.has(dialled)) return { ok: false, status: 404, reason: 'Not Found' };
  const callbackVia = config.trunkOutbound(source.address) ?? sourceUri(source);
  return { ok: true, region: config.numbers.get(dialled) ?? trunkRegion, dialled, caller: callerOf(invite), callbackVia };
}

/** The address a call came from as a URI: port 5060 (a trunk's source port may be any), TCP kept. */
function sourceUri(source: Peer): string {
  const plain = plainAddress(source.address);
  const host = net.isIPv6(plain) ? `[${plain}]` : plain;
  return `sip:${host}${source.transport === 'tcp' ? ';transport=tcp' : ''}`;
}

/** The Request-URI of a callback: the caller's number as the user at the trunk's outbound URI. */
export function callbackUri(via: string, number: string): string {
  return formatUri({ ...parseUri(via), user: number });
}
