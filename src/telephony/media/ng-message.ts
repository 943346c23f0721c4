// rtpengine's ng control protocol on the wire: one UDP datagram holds a cookie, one space and a
// bencoded dictionary. The reply carries the request's cookie. bencode has only byte strings;
// every string rtpengine sends back is text (SDP, results, reasons, tags), so replies are decoded to
// strings here and nothing above this file sees bytes.
import { randomBytes } from 'node:crypto';
import bencode from 'bencode';

/** A value in a decoded reply. Integers are numbers (rtpengine's counters fit in 2^53). */
export type NgValue = string | number | NgValue[] | NgDict;
export interface NgDict {
  [key: string]: NgValue;
}

/** A value in a request; undefined and null are left out of the dictionary. */
export type NgRequestValue = string | number | Uint8Array | NgRequestValue[] | { [key: string]: NgRequestValue | undefined } | undefined;
export type NgRequest = { command: string } & { [key: string]: NgRequestValue };

export class NgFormatError extends Error {}

const SPACE = 0x20;
const utf8 = new TextDecoder('utf-8');

export function encodeNgMessage(cookie: string, request: NgRequest): Buffer {
  if (!/^[\x21-\x7e]+$/.test(cookie)) throw new NgFormatError(`a cookie is printable ASCII without spaces: ${JSON.stringify(cookie)}`);
  return Buffer.concat([Buffer.from(`${cookie} `, 'ascii'), bencode.encode(request)]);
}

/** The cookie alone, readable even when the dictionary is not (to fail the right request). */
export function ngCookie(datagram: Buffer): string | undefined {
  const space = datagram.indexOf(SPACE);
  return space > 0 ? datagram.toString('latin1', 0, space) : undefined;
}

export function decodeNgMessage(datagram: Buffer): { cookie: string; dict: NgDict } {
  const cookie = ngCookie(datagram);
  if (cookie === undefined) throw new NgFormatError('no cookie before a space');
  const body = datagram.subarray(cookie.length + 1);
  if (body[0] !== 0x64 /* d */) throw new NgFormatError('the message is not a bencoded dictionary');
  let decoded: unknown;
  try {
    decoded = bencode.decode(body);
  } catch (e) {
    throw new NgFormatError(`bad bencode: ${(e as Error).message}`);
  }
  const dict = toText(decoded);
  if (typeof dict !== 'object' || Array.isArray(dict)) throw new NgFormatError('the message is not a dictionary');
  return { cookie, dict };
}

function toText(value: unknown): NgValue {
  if (value instanceof Uint8Array) return utf8.decode(value);
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map(toText);
  if (value && typeof value === 'object') {
    const out: NgDict = {};
    for (const [k, v] of Object.entries(value)) out[k] = toText(v);
    return out;
  }
  throw new NgFormatError(`unexpected value in a reply: ${String(value)}`);
}

/**
 * Cookies unique to this process: a random prefix and a counter. rtpengine keeps each cookie's reply
 * for a while and answers a repeated cookie from that cache, so a restarted edge must not reuse the
 * cookies of the one before it.
 */
export function cookieMaker(): () => string {
  const prefix = randomBytes(6).toString('hex');
  let n = 0;
  return () => `${prefix}_${++n}`;
}
