import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_HASH_COST, hashPassword, verifyPassword } from './passwords.ts';

describe('password hashes', () => {
  it('are scrypt with N = 2^15, r = 8, p = 1 by default, as always', async () => {
    expect(DEFAULT_PASSWORD_HASH_COST).toBe(15);
    const stored = await hashPassword('correct-horse-battery');
    expect(stored).toMatch(/^scrypt\$15\$8\$1\$[\w+/]+=*\$[\w+/]+=*$/);
    expect(await verifyPassword('correct-horse-battery', stored)).toBe(true);
    expect(await verifyPassword('correct-horse-battery!', stored)).toBe(false);
  });

  it('carry their cost, so a hash made at another cost still verifies', async () => {
    const cheap = await hashPassword('correct-horse-battery', 4);
    expect(cheap).toMatch(/^scrypt\$4\$8\$1\$/);
    expect(await verifyPassword('correct-horse-battery', cheap)).toBe(true);
    expect(await verifyPassword('wrong-horse-battery', cheap)).toBe(false);
  });
});
