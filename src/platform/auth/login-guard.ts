// What each node remembers of failed sign-ins, per client address, so that
// - an address that keeps failing (whatever the usernames) waits longer and longer (backoff), and
// - wrong passwords lock an account only for the address they came from: someone elsewhere cannot
//   lock the real user out. Locks from several addresses at once mean guessing spread over many
//   machines; the caller then locks the account for everyone (in the database).
// Kept in memory, bounded, per node, like the per-minute rate limit. See
// docs/adr/0012-client-addresses-and-login-abuse.md.
import { BoundedMap } from '../bounded-map.ts';

/** Failures an address may make before it has to wait. */
export const FREE_FAILURES = 5;
/** Addresses locked out of one account at once that lock the account everywhere. */
export const ACCOUNT_LOCK_ADDRESSES = 3;
const CAPACITY = 50_000;

interface AddressState {
  failures: number;
  lastFailure: number;
  waitUntil: number;
}

interface PairState {
  failures: number;
  lockedUntil: number;
  /** The account's password_changed_at when locked: a new password ends the lock. */
  passwordAt: number;
}

export interface GuardOptions {
  maxFailures: number;
  lockoutMinutes: number;
}

export class LoginGuard {
  private readonly addresses: BoundedMap<string, AddressState>;
  private readonly pairs: BoundedMap<string, PairState>;
  /** Per account, when each address's lock ends. */
  private readonly lockedFrom: BoundedMap<number, Map<string, number>>;

  constructor(
    private readonly options: GuardOptions,
    readonly now: () => number = Date.now,
    capacity = CAPACITY,
  ) {
    this.addresses = new BoundedMap(capacity);
    this.pairs = new BoundedMap(capacity);
    this.lockedFrom = new BoundedMap(capacity);
  }

  /** Entries held, all maps together (bounded by three times the capacity). */
  get size(): number {
    return this.addresses.size + this.pairs.size + this.lockedFrom.size;
  }

  /** Milliseconds the address must still wait before its next attempt (0: none). */
  addressWait(ip: string): number {
    const s = this.addresses.get(ip);
    return s ? Math.max(0, s.waitUntil - this.now()) : 0;
  }

  /** When this account's lock for this address ends, or null when it is not locked here. */
  lockedUntil(userId: number, ip: string, passwordChangedAt: Date): number | null {
    const s = this.pairs.get(pairKey(userId, ip));
    return s && s.lockedUntil > this.now() && s.passwordAt === passwordChangedAt.getTime() ? s.lockedUntil : null;
  }

  /**
   * A failed attempt from an address, on an account when one was named. Returns the end of the
   * account's lock for this address when this failure locked it, and from how many addresses the
   * account is locked now.
   */
  failed(ip: string, account?: { id: number; passwordChangedAt: Date }): { lockedUntil: number | null; lockedAddresses: number } {
    const now = this.now();
    const windowMs = this.options.lockoutMinutes * 60_000;
    const prior = this.addresses.get(ip);
    // An address quiet for a lockout period starts again (a shared office address is not punished all day).
    const failures = prior && now - prior.lastFailure < windowMs ? prior.failures + 1 : 1;
    const wait = failures <= FREE_FAILURES ? 0 : Math.min(1000 * 2 ** (failures - FREE_FAILURES - 1), windowMs);
    this.addresses.set(ip, { failures, lastFailure: now, waitUntil: now + wait });
    if (!account) return { lockedUntil: null, lockedAddresses: 0 };

    const key = pairKey(account.id, ip);
    const pair = this.pairs.get(key);
    const pairFailures = (pair && pair.lockedUntil <= now ? pair.failures : 0) + 1;
    if (pairFailures < this.options.maxFailures) {
      this.pairs.set(key, { failures: pairFailures, lockedUntil: 0, passwordAt: account.passwordChangedAt.getTime() });
      return { lockedUntil: null, lockedAddresses: this.lockedAddresses(account.id) };
    }
    const lockedUntil = now + windowMs;
    this.pairs.set(key, { failures: 0, lockedUntil, passwordAt: account.passwordChangedAt.getTime() });
    const from = this.lockedFrom.get(account.id) ?? new Map<string, number>();
    from.set(ip, lockedUntil);
    this.lockedFrom.set(account.id, from);
    return { lockedUntil, lockedAddresses: this.lockedAddresses(account.id) };
  }

  /** The right password from this address: its count on this account starts again. */
  succeeded(userId: number, ip: string): void {
    this.pairs.delete(pairKey(userId, ip));
  }

  private lockedAddresses(userId: number): number {
    const from = this.lockedFrom.get(userId);
    if (!from) return 0;
    const now = this.now();
    for (const [ip, until] of from) if (until <= now) from.delete(ip);
    if (from.size === 0) this.lockedFrom.delete(userId);
    return from.size;
  }
}

const pairKey = (userId: number, ip: string) => `${userId} ${ip}`;
