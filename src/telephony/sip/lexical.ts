// The small lexical pieces of RFC 3261 §25 that parse.ts, uri.ts, name-addr.ts and via.ts share.

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;

/** Trims SP and HTAB only: other characters (a BOM, say) are the value's own (JavaScript's trim() would drop them). */
export function trimLws(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === ' ' || s[a] === '\t')) a++;
  while (b > a && (s[b - 1] === ' ' || s[b - 1] === '\t')) b--;
  return s.slice(a, b);
}

/** Whether a string has a control character (C0 or DEL). */
export function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** A piece of input for an error message: quoted, escaped and cut short, so a hostile value cannot flood a log. */
export function excerpt(s: string): string {
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
}

/**
 * Splits at `sep` where it is outside a quoted string (quoted-pairs honoured). Returns null when a
 * quoted string has no closing quote.
 */
export function splitOutsideQuotes(s: string, sep: string): string[] | null {
  const parts: string[] = [];
  let from = 0;
  let inQuote = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inQuote) {
      if (c === '\\') i++;
      else if (c === '"') inQuote = false;
    } else if (c === '"') inQuote = true;
    else if (c === sep) {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  if (inQuote) return null;
  parts.push(s.slice(from));
  return parts;
}

/**
 * The end (index after the closing quote) of the quoted-string that starts at `s[start]` (a `"`),
 * or -1 when it does not close or holds a character qdtext does not allow (a control other than
 * HTAB outside a quoted-pair, or CR/LF in one).
 */
export function quotedStringEnd(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      const next = s.charCodeAt(i + 1);
      if (Number.isNaN(next) || next === 0x0a || next === 0x0d) return -1;
      i++;
    } else if ((c < 0x20 && c !== 0x09) || c === 0x7f) return -1;
  }
  return -1;
}

/** A quoted-string's content with its quoted-pairs resolved; a value without quotes as it is. */
export function unquote(s: string): string {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return s;
  return s.slice(1, -1).replace(/\\([\s\S])/g, '$1');
}

/** A quoted-string holding `s` (backslash and quote escaped). */
export function quoteString(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
