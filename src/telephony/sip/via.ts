// One Via value (RFC 3261 §20.42, §25.1): `SIP/2.0/UDP host:port;branch=z9hG4bK…;received=…;rport`.
// SWS may surround '/', ':', ';' and '=' (RFC 4475 §3.1.1.1). The parameters the transaction and
// transport layers use are typed fields; any others stay, in order, in `extensions`.

import { isIPv4, isIPv6 } from 'node:net';
import { SipParseError } from './errors.ts';
import { TOKEN, excerpt, trimLws } from './lexical.ts';
import { formatParams, parseParams } from './params.ts';
import type { Params } from './params.ts';
import { isHost, parsePort } from './uri.ts';

export interface Via {
  /** `SIP` */
  protocol: string;
  /** `2.0` */
  version: string;
  /** Upper case: UDP, TCP, TLS, SCTP, WS, WSS or another token. */
  transport: string;
  /** sent-by host: a name, an IPv4 address or an IPv6 reference in brackets. */
  host: string;
  port?: number;
  branch?: string;
  /** The address the request really came from, set by the receiver (§18.2.1). */
  received?: string;
  /** RFC 3581: null when present without a value (a request asking for it), the source port in a response. */
  rport?: number | null;
  maddr?: string;
  ttl?: number;
  /** Every other parameter, by lower-case name, as written. */
  extensions: Params;
}

/** RFC 3261's magic cookie: a branch starting with it was made unique by a 3261 client. */
export const BRANCH_COOKIE = 'z9hG4bK';

const SENT_PROTOCOL = /^([^\s/]+)[ \t]*\/[ \t]*([^\s/]+)[ \t]*\/[ \t]*([^\s/]+)[ \t]+(.*)$/;

export function parseVia(value: string): Via {
  const v = trimLws(value);
  const m = SENT_PROTOCOL.exec(v);
  if (!m) throw new SipParseError(`Via ${excerpt(v)} does not start with protocol/version/transport and a sent-by`);
  const [, protocol, version, transport, rest] = m as unknown as [string, string, string, string, string];
  if (!TOKEN.test(protocol) || !TOKEN.test(version) || !TOKEN.test(transport)) throw new SipParseError(`Via ${excerpt(v)}: protocol, version and transport must be tokens`);
  if (protocol.toUpperCase() !== 'SIP' || version !== '2.0') throw new SipParseError(`Via ${excerpt(v)}: only SIP/2.0 is supported`);
  const semi = rest.indexOf(';');
  const sentBy = trimLws(semi >= 0 ? rest.slice(0, semi) : rest);
  const via: Via = { protocol: 'SIP', version, transport: transport.toUpperCase(), host: '', extensions: new Map() };
  parseSentBy(sentBy, via, v);
  const params = parseParams(semi >= 0 ? rest.slice(semi) : '', 'Via');
  for (const [name, val] of params) {
    switch (name) {
      case 'branch':
        if (val === null || !TOKEN.test(val)) throw new SipParseError(`Via ${excerpt(v)}: branch must be a token`);
        via.branch = val;
        break;
      case 'received':
        if (val === null || !(isIPv4(val) || isIPv6(val) || (val.startsWith('[') && isIPv6(val.slice(1, -1))))) throw new SipParseError(`Via ${excerpt(v)}: received must be an IP address`);
        via.received = val;
        break;
      case 'rport':
        via.rport = val === null ? null : parsePort(val, v);
        break;
      case 'maddr':
        if (val === null || !isHost(val)) throw new SipParseError(`Via ${excerpt(v)}: maddr must be a host`);
        via.maddr = val;
        break;
      case 'ttl':
        if (val === null || !/^\d{1,3}$/.test(val) || Number(val) > 255) throw new SipParseError(`Via ${excerpt(v)}: ttl must be 0 to 255`);
        via.ttl = Number(val);
        break;
      default:
        via.extensions.set(name, val);
    }
  }
  return via;
}

function parseSentBy(sentBy: string, via: Via, v: string): void {
  let host = sentBy;
  let port: string | undefined;
  if (sentBy.startsWith('[')) {
    const close = sentBy.indexOf(']');
    host = close >= 0 ? sentBy.slice(0, close + 1) : sentBy;
    const after = trimLws(close >= 0 ? sentBy.slice(close + 1) : '');
    if (after !== '') {
      if (after[0] !== ':') throw new SipParseError(`Via ${excerpt(v)}: characters after the IPv6 reference`);
      port = trimLws(after.slice(1));
    }
  } else {
    const colon = sentBy.indexOf(':');
    if (colon >= 0) {
      host = trimLws(sentBy.slice(0, colon));
      port = trimLws(sentBy.slice(colon + 1));
    }
  }
  if (!isHost(host)) throw new SipParseError(`Via ${excerpt(v)}: ${excerpt(host)} is not a host`);
  via.host = host;
  if (port !== undefined) via.port = parsePort(port, v);
}

export function formatVia(via: Via): string {
  let s = `${via.protocol}/${via.version}/${via.transport} ${via.host}`;
  if (via.port !== undefined) s += `:${via.port}`;
  if (via.branch !== undefined) s += `;branch=${via.branch}`;
  if (via.received !== undefined) s += `;received=${via.received}`;
  if (via.rport !== undefined) s += via.rport === null ? ';rport' : `;rport=${via.rport}`;
  if (via.maddr !== undefined) s += `;maddr=${via.maddr}`;
  if (via.ttl !== undefined) s += `;ttl=${via.ttl}`;
  return s + formatParams(via.extensions);
}
