// Caller numbers are personal data: otvet keeps only a keyed hash (to recognise a caller who
// called before) and a masked form for the operator's screen (+7 916 ***-**-12). The number itself
// is never stored or logged.
import { createHmac } from 'node:crypto';

export interface CallerIdentity {
  /** HMAC-SHA256 of the normalised number under the secret key; null when the number is hidden. */
  hash: string | null;
  masked: string;
}

/** Digits in international form: 8 916 … and 916 … become 7916…; null for hidden numbers. */
export function normalizeNumber(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 5) return null;
  if (digits.length === 11 && digits.startsWith('8')) return `7${digits.slice(1)}`;
  if (digits.length === 10 && digits.startsWith('9')) return `7${digits}`;
  return digits;
}

export function maskNumber(normalized: string): string {
  if (normalized.length === 11 && normalized.startsWith('7')) {
    return `+7 ${normalized.slice(1, 4)} ***-**-${normalized.slice(9)}`;
  }
  return `+${normalized.slice(0, Math.min(3, normalized.length - 4))} ***${normalized.slice(-2)}`;
}

export function callerIdentity(raw: string | null | undefined, key: Buffer): CallerIdentity {
  const n = raw ? normalizeNumber(raw) : null;
  if (!n) return { hash: null, masked: 'номер скрыт' };
  return { hash: createHmac('sha256', key).update(n).digest('hex').slice(0, 40), masked: maskNumber(n) };
}
