// Header parameters (RFC 3261 §25.1 generic-param): the `;tag=x;lr;q=0.5` after a name-addr or a
// Via. SWS may surround ';' and '=' (RFC 4475 §3.1.1.1 folds lines there).

import { isIPv6 } from 'node:net';
import { SipParseError } from './errors.ts';
import { TOKEN, excerpt, quotedStringEnd, splitOutsideQuotes, trimLws } from './lexical.ts';

/** Parameters by lower-case name, in order; values as written (a quoted string keeps its quotes), null without `=`. */
export type Params = Map<string, string | null>;

/** Parses `;a=b;c` (text empty or starting with ';' after SWS). Throws SipParseError naming `where`. */
export function parseParams(text: string, where: string): Params {
  const params: Params = new Map();
  const trimmed = trimLws(text);
  if (trimmed === '') return params;
  const parts = splitOutsideQuotes(trimmed, ';');
  if (parts === null) throw new SipParseError(`${where}: a parameter has a quoted string with no closing quote`);
  if (trimLws(parts[0] as string) !== '') throw new SipParseError(`${where}: ${excerpt(trimmed)} is not a list of ;parameters`);
  for (const raw of parts.slice(1)) {
    const p = trimLws(raw);
    if (p === '') throw new SipParseError(`${where}: an empty parameter (;;)`);
    const eq = p.indexOf('=');
    const name = trimLws(eq >= 0 ? p.slice(0, eq) : p);
    if (!TOKEN.test(name)) throw new SipParseError(`${where}: parameter name ${excerpt(name)} is not a token`);
    const key = name.toLowerCase();
    if (params.has(key)) throw new SipParseError(`${where}: parameter ${key} appears twice`);
    if (eq < 0) {
      params.set(key, null);
      continue;
    }
    const value = trimLws(p.slice(eq + 1));
    if (!isGenValue(value)) throw new SipParseError(`${where}: the value of ${key} (${excerpt(value)}) is not a token, host or quoted string`);
    params.set(key, value);
  }
  return params;
}

/** gen-value = token / host / quoted-string (a bare IPv6 address too, for Via's received). */
function isGenValue(v: string): boolean {
  if (v === '') return false;
  if (v[0] === '"') return quotedStringEnd(v, 0) === v.length;
  if (v[0] === '[' && v[v.length - 1] === ']') return isIPv6(v.slice(1, -1));
  return TOKEN.test(v) || isIPv6(v);
}

/** `;name=value` for each parameter, in order. */
export function formatParams(params: Params): string {
  let s = '';
  for (const [name, value] of params) s += value === null ? `;${name}` : `;${name}=${value}`;
  return s;
}
