// Caller numbers are personal data: otvet keeps only a keyed hash (to recognise a caller who
// called before) and a masked form for the operator's screen (+7 916 ***-**-12). The number itself
// is never stored or logged.
import { createHmac } from 'node:crypto';
import { maskNumber, normalizeNumber } from '../platform/phone-numbers.ts';

export { maskNumber, normalizeNumber };

export interface CallerIdentity {
  /** HMAC-SHA256 of the normalised number under the secret key; null when the number is hidden. */
  hash: string | null;
  masked: string;
}

export function callerIdentity(raw: string | null | undefined, key: Buffer): CallerIdentity {
  const n = raw ? normalizeNumber(raw) : null;
  if (!n) return { hash: null, masked: 'номер скрыт' };
  return { hash: createHmac('sha256', key).update(n).digest('hex').slice(0, 40), masked: maskNumber(n) };
}
