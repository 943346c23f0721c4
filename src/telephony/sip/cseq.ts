// CSeq (RFC 3261 §20.16): a sequence number below 2^31 (§8.1.1.5) and the request's method.

import { SipParseError } from './errors.ts';
import { TOKEN, excerpt, trimLws } from './lexical.ts';

export interface CSeq {
  seq: number;
  method: string;
}

export const MAX_CSEQ = 2 ** 31 - 1;

export function parseCSeq(value: string): CSeq {
  const m = /^(\d+)[ \t]+(\S+)$/.exec(trimLws(value));
  if (!m || !TOKEN.test(m[2] as string)) throw new SipParseError(`CSeq ${excerpt(value)} is not a number and a method`);
  // Leading zeros are allowed (RFC 4475 §3.1.1.1): the size check is on the value.
  const digits = (m[1] as string).replace(/^0+(?=\d)/, '');
  if (digits.length > 10 || Number(digits) > MAX_CSEQ) throw new SipParseError(`CSeq number ${excerpt(m[1] as string)} is not below 2^31`);
  return { seq: Number(digits), method: m[2] as string };
}

export function formatCSeq(c: CSeq): string {
  return `${c.seq} ${c.method}`;
}
