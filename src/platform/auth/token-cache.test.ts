import { describe, expect, it } from 'vitest';
import type { Principal } from '../access/principal.ts';
import { TokenCache } from './token-cache.ts';

const p: Principal = { userId: 1, username: 'edge', displayName: 'edge', role: 'admin', region: 'federal', via: 'token', tokenId: 7 };

describe('token cache', () => {
  it('keeps a checked token for its time to live, then asks again', () => {
    const c = new TokenCache(1000);
    c.set('h', p, null, 0);
    expect(c.get('h', 999)).toBe(p);
    expect(c.get('h', 1000)).toBeUndefined();
  });

  it("never past the token's own expiry", () => {
    const c = new TokenCache(60_000);
    c.set('h', p, new Date(500), 0);
    expect(c.get('h', 499)).toBe(p);
    expect(c.get('h', 500)).toBeUndefined();
  });

  it('forgets everything at once', () => {
    const c = new TokenCache();
    c.set('h', p, null);
    c.forget();
    expect(c.get('h')).toBeUndefined();
  });
});
