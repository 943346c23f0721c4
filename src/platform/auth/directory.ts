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

export class Directory {
  constructor(private readonly db: Db) {}

  async byUsernames(names: string[]): Promise<Map<string, Person>> {
    const rows = await usersByUsernames(this.db, [...new Set(names)]);
    return new Map(rows.map((r) => [r.username, { id: r.id, username: r.username, displayName: r.display_name, region: r.region_code ?? FEDERAL, role: r.role, disabled: r.disabled_at !== null }]));
  }

  async byIds(ids: number[]): Promise<Map<number, Person>> {
    const rows = await usersByIds(this.db, [...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, { id: r.id, username: r.username, displayName: r.display_name, region: r.region_code ?? FEDERAL, role: r.role, disabled: false }]));
  }
}
