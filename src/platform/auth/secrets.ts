// Random secrets and their one-way hashes: session ids, CSRF tokens, API tokens, generated passwords.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// No 0/o, 1/l/i: passwords get read aloud and copied from a printed sheet.
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A password people can type: four groups of four, about 78 bits. */
export function generatePassword(): string {
  const group = () => Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
