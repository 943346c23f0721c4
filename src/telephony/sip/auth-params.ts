// The Digest credentials and challenges of Authorization / WWW-Authenticate (RFC 3261 §25.1,
// RFC 7616 §3.3-3.4): `Digest name=value, name="quoted", …`. Commas separate parameters here, which
// is why the parser never splits these headers into a list.

import { SipParseError } from './errors.ts';
import { TOKEN, excerpt, quoteString, quotedStringEnd, splitOutsideQuotes, trimLws, unquote } from './lexical.ts';

/** The scheme (as written) and the parameters by lower-case name, unquoted. */
export interface AuthValue {
  scheme: string;
  params: Map<string, string>;
}

export function parseAuthValue(value: string, where = 'Authorization'): AuthValue {
  const v = trimLws(value);
  const m = /^(\S+)(?:[ \t]+([\s\S]*))?$/.exec(v);
  if (!m || !TOKEN.test(m[1] as string)) throw new SipParseError(`${where} does not start with a scheme`);
  const params = new Map<string, string>();
  const parts = m[2] === undefined ? [] : splitOutsideQuotes(m[2], ',');
  if (parts === null) throw new SipParseError(`${where}: a quoted string has no closing quote`);
  for (const raw of parts) {
    const p = trimLws(raw);
    if (p === '') throw new SipParseError(`${where}: an empty parameter`);
    const eq = p.indexOf('=');
    const name = trimLws(eq >= 0 ? p.slice(0, eq) : '');
    const val = trimLws(eq >= 0 ? p.slice(eq + 1) : '');
    if (!TOKEN.test(name)) throw new SipParseError(`${where}: ${excerpt(p)} is not name=value`);
    const quoted = val[0] === '"';
    if (quoted ? quotedStringEnd(val, 0) !== val.length : !TOKEN.test(val)) throw new SipParseError(`${where}: the value of ${name} is not a token or quoted string`);
    const key = name.toLowerCase();
    if (params.has(key)) throw new SipParseError(`${where}: ${key} appears twice`);
    params.set(key, quoted ? unquote(val) : val);
  }
  return { scheme: m[1] as string, params };
}

/** `Digest a="b", c=d`: the names in `tokens` are written bare, the rest quoted. */
export function formatAuthValue(scheme: string, params: [string, string][], tokens: ReadonlySet<string>): string {
  return `${scheme} ${params.map(([n, v]) => `${n}=${tokens.has(n) ? v : quoteString(v)}`).join(', ')}`;
}
