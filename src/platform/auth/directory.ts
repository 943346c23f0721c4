// What other modules may know about accounts: names for ids and ids for names. No passwords,
// no sessions; no permission check (callers show names of people their user may already see).
import type { Db } from '../db/database.ts';
import { FEDERAL, type Role } from '../access/principal.ts';
import { usersByIds, usersByUsernames } from './users-queries.ts';

export interface Person {
  id: number;
  username: string;
  displayName: string;
  region: string;
  role: Role;
  disabled: boolean;
}

/** Names change rarely; a minute-old name on a screen is fine, a query per routing decision is not. */
const TTL_MS = 60_000;

export class Directory {
  private readonly cache = new Map<number, { person: Person; at: number }>();

  constructor(private readonly db: Db) {}

  async byUsernames(names: string[]): Promise<Map<string, Person>> {
    const rows = await usersByUsernames(this.db, [...new Set(names)]);
    return new Map(rows.map((r) => [r.username, { id: r.id, username: r.username, displayName: r.display_name, region: r.region_code ?? FEDERAL, role: r.role, disabled: r.disabled_at !== null }]));
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
