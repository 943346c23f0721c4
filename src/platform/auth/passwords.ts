// Password hashing with scrypt from Node's own crypto (memory-hard; no native add-on to build).
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { badRequest } from '../errors.ts';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

/** scrypt's log2 N in production; PASSWORD_HASH_COST may raise it, and lower it only for tests. */
export const DEFAULT_PASSWORD_HASH_COST = 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 128 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 10;

export function checkPasswordRules(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest('user.weak_password', `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`, {
      errors: [{ path: 'password', message: `at least ${MIN_PASSWORD_LENGTH} characters` }],
    });
  }
  if (password.length > 200) {
    throw badRequest('user.weak_password', 'The password must be at most 200 characters long.', {
      errors: [{ path: 'password', message: 'at most 200 characters' }],
    });
  }
}

/** "scrypt$logN$r$p$salt$hash", so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string, cost = DEFAULT_PASSWORD_HASH_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N: 2 ** cost, r: R, p: P, maxmem: MAXMEM });
  return ['scrypt', cost, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, logN, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !logN || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: 2 ** Number(logN),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return timingSafeEqual(key, expected);
}

// Hashed once per cost; verifying against it for unknown users makes their failures take as long
// as real ones.
const dummies = new Map<number, Promise<string>>();
export function dummyHash(cost = DEFAULT_PASSWORD_HASH_COST): Promise<string> {
  let dummy = dummies.get(cost);
  if (!dummy) dummies.set(cost, (dummy = hashPassword(randomBytes(16).toString('hex'), cost)));
  return dummy;
}
