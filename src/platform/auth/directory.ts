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
  async byUsernames(names: string[]): Promise<Map<string, Person>> {
    const now = Date.now();
    const out = new Map<string, Person>();
    const missing: string[] = [];
    for (const name of new Set(names)) {
      const hit = this.byName.get(name);
      if (hit && now - hit.at < TTL_MS) out.set(name, hit.person);
      else missing.push(name);
    }
    for (const r of missing.length ? await usersByUsernames(this.db, missing) : []) {
      const person = personOf(r);
      this.byName.set(r.username, { person, at: now });
      out.set(r.username, person);
    }
    if (this.byName.size > 50_000) this.byName.clear();
    return out;
  }

  async byIds(ids: number[]): Promise<Map<number, Person>> {
    const now = Date.now();
    const out = new Map<number, Person>();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const hit = this.cache.get(id);
      if (hit && now - hit.at < TTL_MS) out.set(id, hit.person);
      else missing.push(id);
    }
    for (const r of missing.length ? await usersByIds(this.db, missing) : []) {
      const person = { id: r.id, username: r.username, displayName: r.display_name, region: r.region_code ?? FEDERAL, role: r.role, disabled: false };
      this.cache.set(r.id, { person, at: now });
      out.set(r.id, person);
    }
    if (this.cache.size > 50_000) this.cache.clear();
    return out;
  }
}
