// What other modules may know about accounts: names for ids and ids for names. No passwords,
// no sessions; no permission check (callers show names of people their user may already see).
import type { Db } from '../db/database.ts';
import { FEDERAL, type Role } from '../access/principal.ts';
import { usersByIds, usersByUsernames, type UserRow } from './users-queries.ts';

export interface Person {
  id: number;
  username: string;
  displayName: string;
  region: string;
  role: Role;
  disabled: boolean;
}

/**
 * Names change rarely; a minute-old name on a screen is fine, a query per routing decision or per
 * telephony post is not. Whether an account is disabled is never stale: the owner calls forget()
 * when an account changes (see AccountsWatch).
 */
const TTL_MS = 60_000;

const personOf = (r: Pick<UserRow, 'id' | 'username' | 'display_name' | 'region_code' | 'role' | 'disabled_at'>): Person => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  region: r.region_code ?? FEDERAL,
  role: r.role,
  disabled: r.disabled_at !== null,
});

export class Directory {
  private readonly cache = new Map<number, { person: Person; at: number }>();
  private readonly byName = new Map<string, { person: Person; at: number }>();

  constructor(private readonly db: Db) {}

  /** Forgets every account it knew (one was disabled or enabled). */
  forget(): void {
    this.cache.clear();
    this.byName.clear();
  }

  /** Accounts by username, disabled ones included (marked); unknown names are absent. */
  byUsernames(names: string[]): Promise<Map<string, Person>> {
    return this.cached(
      this.byName,
      names,
      (p) => p.username,
      async (missing) => (await usersByUsernames(this.db, missing)).map(personOf),
    );
  }

  byIds(ids: number[]): Promise<Map<number, Person>> {
    return this.cached(
      this.cache,
      ids,
      (p) => p.id,
      async (missing) => (await usersByIds(this.db, missing)).map((r) => personOf({ ...r, disabled_at: null })),
    );
  }

  /** What the cache holds younger than TTL_MS; the rest read in one query and kept. */
  private async cached<K>(cache: Map<K, { person: Person; at: number }>, keys: K[], keyOf: (p: Person) => K, load: (missing: K[]) => Promise<Person[]>): Promise<Map<K, Person>> {
    const now = Date.now();
    const out = new Map<K, Person>();
    const missing: K[] = [];
    for (const key of new Set(keys)) {
      const hit = cache.get(key);
      if (hit && now - hit.at < TTL_MS) out.set(key, hit.person);
      else missing.push(key);
    }
    for (const person of missing.length ? await load(missing) : []) {
      cache.set(keyOf(person), { person, at: now });
      out.set(keyOf(person), person);
    }
    if (cache.size > 50_000) cache.clear();
    return out;
  }
}
