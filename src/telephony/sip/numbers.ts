// The numeric header fields a request or response may carry (RFC 3261 §20, §25.1), each with its
// range, so an overlarge value (RFC 4475 §3.1.2.4, §3.1.2.5) is a clear error and never a float.

import { SipParseError } from './errors.ts';
import { excerpt, trimLws } from './lexical.ts';

/** 1*DIGIT with leading zeros allowed, at most `max`; `what` names the field in the error. */
export function parseDecimal(value: string, max: number, what: string): number {
  const v = trimLws(value);
  const digits = /^\d+$/.test(v) ? v.replace(/^0+(?=\d)/, '') : undefined;
  if (digits === undefined || digits.length > 15 || Number(digits) > max) throw new SipParseError(`${what} ${excerpt(v)} is not a whole number from 0 to ${max}`);
  return Number(digits);
}

/** Max-Forwards: 0 to 255 (§20.22). */
export function parseMaxForwards(value: string): number {
  return parseDecimal(value, 255, 'Max-Forwards');
}

/** delta-seconds (Expires, Min-Expires, a Contact's expires): up to 2^32 - 1 (§20.19). */
export function parseDeltaSeconds(value: string, what = 'Expires'): number {
  return parseDecimal(value, 2 ** 32 - 1, what);
}

/** Retry-After (§20.33): delta-seconds, then an optional comment and parameters, of which only the number matters here. */
export function parseRetryAfter(value: string): number {
  const m = /^(\d+)(?:[ \t]*(?:\(.*\))?[ \t]*(?:;.*)?)?$/.exec(trimLws(value));
  return parseDeltaSeconds(m ? (m[1] as string) : value, 'Retry-After');
}
