// SIP and SIPS URIs (RFC 3261 §19.1, grammar in §25.1): user and password with %-escapes, host
// (name, IPv4 or [IPv6]), port, parameters and headers. Parts are kept unescaped; formatUri()
// escapes what each part's grammar does not allow, so parse → format → parse keeps the meaning.

import { isIPv4, isIPv6 } from 'node:net';
import { SipParseError } from './errors.ts';
import { excerpt } from './lexical.ts';

export interface SipUri {
  scheme: 'sip' | 'sips';
  /** Unescaped; undefined when the URI has no userinfo. */
  user?: string;
  password?: string;
  /** As written (an IPv6 reference keeps its brackets); compare hosts case-insensitively. */
  host: string;
  port?: number;
  /** uri-parameters by lower-case name, unescaped, in order; null for a parameter without a value (`;lr`). */
  params: Map<string, string | null>;
  /** headers (`?Subject=x&Priority=urgent`), unescaped, in order. */
  headers: [string, string][];
}

// Characters each part may hold unescaped (RFC 3261 §25.1): unreserved = alphanum / mark.
const UNRESERVED = "A-Za-z0-9\\-_.!~*'()";
const USER_CHARS = new RegExp(`^(?:[${UNRESERVED}&=+$,;?/]|%[0-9A-Fa-f]{2})+$`);
const PASSWORD_CHARS = new RegExp(`^(?:[${UNRESERVED}&=+$,]|%[0-9A-Fa-f]{2})*$`);
const PARAM_CHARS = new RegExp(`^(?:[${UNRESERVED}\\[\\]/:&+$]|%[0-9A-Fa-f]{2})+$`);
const HEADER_CHARS = new RegExp(`^(?:[${UNRESERVED}\\[\\]/?:+$]|%[0-9A-Fa-f]{2})*$`);
const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$/;

/** hostname = *( domainlabel "." ) toplabel [ "." ]; a toplabel starts with a letter (so 1.2.3.999 is no name). */
function isHostname(host: string): boolean {
  const labels = (host.endsWith('.') ? host.slice(0, -1) : host).split('.');
  return labels.every((l) => LABEL.test(l)) && /^[A-Za-z]/.test(labels[labels.length - 1] as string);
}

/** The scheme of an absolute URI (`sip`, `tel`, `http`…), lower case, or undefined when it has none. */
export function uriScheme(uri: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
}

/** Parses a sip: or sips: URI; throws SipParseError naming what is wrong. */
export function parseUri(text: string): SipUri {
  const scheme = uriScheme(text);
  if (scheme !== 'sip' && scheme !== 'sips') throw new SipParseError(`${excerpt(text)} is not a sip: or sips: URI`);
  let rest = text.slice(scheme.length + 1);
  const uri: SipUri = { scheme, host: '', params: new Map(), headers: [] };

  // The user part may hold ';' and '?' (RFC 4475 §3.1.1.2), and no part after it may hold a raw
  // '@', so userinfo runs to the first '@'.
  const at = rest.indexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const colon = userinfo.indexOf(':');
    const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    if (!USER_CHARS.test(user)) throw new SipParseError(`the user part of ${excerpt(text)} has a character it may not (or is empty)`);
    uri.user = unescape(user);
    if (colon >= 0) {
      const password = userinfo.slice(colon + 1);
      if (!PASSWORD_CHARS.test(password)) throw new SipParseError(`the password of ${excerpt(text)} has a character it may not`);
      uri.password = unescape(password);
    }
  }

  const q = rest.indexOf('?');
  const headerText = q >= 0 ? rest.slice(q + 1) : undefined;
  if (q >= 0) rest = rest.slice(0, q);
  const [hostport, ...params] = rest.split(';') as [string, ...string[]];
  parseHostPort(hostport, uri, text);
  for (const p of params) {
    const eq = p.indexOf('=');
    const name = eq >= 0 ? p.slice(0, eq) : p;
    const value = eq >= 0 ? p.slice(eq + 1) : null;
    if (!PARAM_CHARS.test(name) || (value !== null && !PARAM_CHARS.test(value))) throw new SipParseError(`URI parameter ${excerpt(p)} in ${excerpt(text)} is empty or has a character it may not`);
    const key = unescape(name).toLowerCase();
    if (uri.params.has(key)) throw new SipParseError(`URI parameter ${excerpt(key)} appears twice in ${excerpt(text)}`);
    uri.params.set(key, value === null ? null : unescape(value));
  }
  if (headerText !== undefined) {
    for (const h of headerText.split('&')) {
      const eq = h.indexOf('=');
      if (eq <= 0 || !HEADER_CHARS.test(h.slice(0, eq)) || !HEADER_CHARS.test(h.slice(eq + 1))) throw new SipParseError(`URI header ${excerpt(h)} in ${excerpt(text)} is not name=value`);
      uri.headers.push([unescape(h.slice(0, eq)), unescape(h.slice(eq + 1))]);
    }
  }
  return uri;
}

function parseHostPort(hostport: string, uri: SipUri, text: string): void {
  let host: string;
  let portText: string | undefined;
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0 || !isIPv6(hostport.slice(1, close))) throw new SipParseError(`the IPv6 reference in ${excerpt(text)} is not valid`);
    host = hostport.slice(0, close + 1);
    const after = hostport.slice(close + 1);
    if (after !== '') {
      if (after[0] !== ':') throw new SipParseError(`${excerpt(text)} has characters after its IPv6 reference`);
      portText = after.slice(1);
    }
  } else {
    const colon = hostport.indexOf(':');
    host = colon >= 0 ? hostport.slice(0, colon) : hostport;
    if (colon >= 0) portText = hostport.slice(colon + 1);
    if (!isHostname(host) && !isIPv4(host)) throw new SipParseError(`${excerpt(host)} in ${excerpt(text)} is not a host name or address`);
  }
  uri.host = host;
  if (portText !== undefined) uri.port = parsePort(portText, text);
}

/** A port: 1 to 5 digits, at most 65535. */
export function parsePort(text: string, where: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new SipParseError(`port ${excerpt(text)} in ${excerpt(where)} is not a port number`);
  return Number(text);
}

/** Whether `host` is a host name, an IPv4 address or an IPv6 reference in brackets. */
export function isHost(host: string): boolean {
  if (host.startsWith('[') && host.endsWith(']')) return isIPv6(host.slice(1, -1));
  return isHostname(host) || isIPv4(host);
}

/** Resolves %-escapes; the octets are read as UTF-8. */
export function unescape(s: string): string {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%') {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(s.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** %-escapes every octet (of the UTF-8 form) that `allowed` (a character class body) does not hold. */
function escape(s: string, allowed: RegExp): string {
  let out = '';
  for (const ch of s) {
    if (ch.length === 1 && ch.charCodeAt(0) < 0x80 && allowed.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const USER_OK = new RegExp(`[${UNRESERVED}&=+$,;?/]`);
const PASSWORD_OK = new RegExp(`[${UNRESERVED}&=+$,]`);
const PARAM_OK = new RegExp(`[${UNRESERVED}\\[\\]/:&+$]`);
const HEADER_OK = new RegExp(`[${UNRESERVED}\\[\\]/?:+$]`);

/** The URI as text, each part escaped as its grammar requires. */
export function formatUri(uri: SipUri): string {
  let s = `${uri.scheme}:`;
  if (uri.user !== undefined) {
    s += escape(uri.user, USER_OK);
    if (uri.password !== undefined) s += `:${escape(uri.password, PASSWORD_OK)}`;
    s += '@';
  }
  s += uri.host;
  if (uri.port !== undefined) s += `:${uri.port}`;
  for (const [name, value] of uri.params) s += `;${escape(name, PARAM_OK)}${value === null ? '' : `=${escape(value, PARAM_OK)}`}`;
  if (uri.headers.length > 0) s += `?${uri.headers.map(([n, v]) => `${escape(n, HEADER_OK)}=${escape(v, HEADER_OK)}`).join('&')}`;
  return s;
}
