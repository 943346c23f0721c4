// API tokens already checked, by their hash: a telephony edge posts events many times a second,
// and each post should not wait for a database read to say who it is. An entry lasts a minute at
// most, never past the token's own expiry; revoking a token or disabling an account forgets every
// entry (see AccountsWatch).
import type { Principal } from '../access/principal.ts';

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

export class TokenCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly ttlMs = TTL_MS) {}

  get(hash: string, now = Date.now()): Principal | undefined {
    const hit = this.entries.get(hash);
    if (!hit) return undefined;
    if (now < hit.until) return hit.principal;
    this.entries.delete(hash);
    return undefined;
  }

  set(hash: string, principal: Principal, expiresAt: Date | null, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(hash, { principal, until: Math.min(now + this.ttlMs, expiresAt?.getTime() ?? Infinity) });
  }

  forget(): void {
    this.entries.clear();
  }
}
