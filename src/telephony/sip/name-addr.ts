// The value of To, From, Contact, Route, Record-Route and the like (RFC 3261 §20.10, §25.1):
// name-addr (`"Display" <sip:a@b>;tag=x`, `Display <uri>`) or a bare addr-spec (`sip:a@b;tag=x`),
// where the parameters after a bare URI belong to the header, not the URI, and a URI holding
// '?', ',' or ';' must be in angle brackets (RFC 4475 §3.1.2.13).

import { SipParseError } from './errors.ts';
import { TOKEN, excerpt, hasControl, quoteString, quotedStringEnd, trimLws, unquote } from './lexical.ts';
import { formatParams, parseParams } from './params.ts';
import type { Params } from './params.ts';
import { parseUri, uriScheme } from './uri.ts';

export interface NameAddr {
  /** The display name, unquoted; undefined when there is none. */
  displayName?: string;
  /** The URI as written (any scheme: `tel:`, `http:` are allowed here); sip and sips URIs have been checked by parseUri(). */
  uri: string;
  /** Header parameters (tag, expires, q…). */
  params: Params;
}

/** Parses a name-addr or addr-spec; `where` (the header's name) goes into the error's reason. */
export function parseNameAddr(value: string, where = 'name-addr'): NameAddr {
  const v = trimLws(value);
  if (v === '') throw new SipParseError(`${where} is empty`);
  let displayName: string | undefined;
  let rest: string;
  if (v[0] === '"') {
    const end = quotedStringEnd(v, 0);
    if (end < 0) throw new SipParseError(`${where}: the display name's quoted string does not close (or holds a control character)`);
    displayName = unquote(v.slice(0, end));
    rest = trimLws(v.slice(end));
    if (rest[0] !== '<') throw new SipParseError(`${where}: a quoted display name must be followed by <URI>`);
  } else {
    const lt = v.indexOf('<');
    const before = lt >= 0 ? v.slice(0, lt) : v;
    if (lt < 0 || before.includes(':')) return parseAddrSpec(v, where);
    const name = trimLws(before);
    if (name !== '') {
      // display-name = *(token LWS): unquoted, only tokens ("Bell, Alexander" is not one, RFC 4475 §3.1.2.15).
      const words = name.split(/[ \t]+/);
      const bad = words.find((w) => !TOKEN.test(w));
      if (bad !== undefined) throw new SipParseError(`${where}: the display name ${excerpt(name)} must be quoted (${excerpt(bad)} is not a token)`);
      displayName = words.join(' ');
    }
    rest = v.slice(lt);
  }
  const close = rest.indexOf('>');
  if (close < 0) throw new SipParseError(`${where}: <URI> has no closing >`);
  const uri = rest.slice(1, close);
  checkUri(uri, where);
  const na: NameAddr = { uri, params: parseParams(rest.slice(close + 1), where) };
  if (displayName !== undefined) na.displayName = displayName;
  return na;
}

function parseAddrSpec(v: string, where: string): NameAddr {
  const semi = v.indexOf(';');
  const uri = trimLws(semi >= 0 ? v.slice(0, semi) : v);
  if (/[?,]/.test(uri)) throw new SipParseError(`${where}: a URI with '?' or ',' must be enclosed in <>`);
  checkUri(uri, where);
  return { uri, params: parseParams(semi >= 0 ? v.slice(semi) : '', where) };
}

function checkUri(uri: string, where: string): void {
  // No LWS inside <> (RFC 4475 §3.1.2.14) and no brackets or quotes in a URI.
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"]+$/.test(uri) || hasControl(uri)) throw new SipParseError(`${where}: ${excerpt(uri)} is not a URI`);
  const scheme = uriScheme(uri);
  if (scheme === 'sip' || scheme === 'sips') parseUri(uri);
}

/** Always the name-addr form (angle brackets), so URI parameters and header parameters cannot be confused. */
export function formatNameAddr(na: NameAddr): string {
  const name = na.displayName === undefined ? '' : `${quoteString(na.displayName)} `;
  return `${name}<${na.uri}>${formatParams(na.params)}`;
}

/** The tag parameter of a To or From value, or undefined (also when the value does not parse). */
export function tagOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return parseNameAddr(value).params.get('tag') ?? undefined;
  } catch {
    return undefined;
  }
}
