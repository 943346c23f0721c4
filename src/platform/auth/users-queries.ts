import type { Queryable } from '../db/database.ts';
import type { Role } from '../access/principal.ts';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  region_code: string | null;
  password_hash: string;
  failed_logins: number;
  locked_until: Date | null;
  created_at: Date;
  password_changed_at: Date;
  disabled_at: Date | null;
}

export async function insertUser(db: Queryable, u: { username: string; displayName: string; role: Role; regionCode: string | null; passwordHash: string }): Promise<UserRow> {
  const r = await db.query<UserRow>(
    `INSERT INTO users (username, display_name, role, region_code, password_hash)
     VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [u.username, u.displayName, u.role, u.regionCode, u.passwordHash],
  );
  return r.rows[0]!;
}

export async function userById(db: Queryable, id: number): Promise<UserRow | undefined> {
  return (await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id])).rows[0];
}

export async function userByUsername(db: Queryable, username: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username])).rows[0];
}

export async function selectUsers(db: Queryable, f: { region?: string | null; role?: Role; includeDisabled: boolean }): Promise<UserRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.region === null) where.push('region_code IS NULL');
  else if (f.region !== undefined) where.push(`region_code = $${params.push(f.region)}`);
  if (f.role) where.push(`role = $${params.push(f.role)}`);
  if (!f.includeDisabled) where.push('disabled_at IS NULL');
  const r = await db.query<UserRow>(`SELECT * FROM users ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY region_code NULLS FIRST, username`, params);
  return r.rows;
}

export async function countUsers(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n;
}

export async function setDisabled(db: Queryable, id: number, disabled: boolean): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>(
    `UPDATE users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) ELSE NULL END,
       failed_logins = 0, locked_until = NULL
     WHERE id = $1 RETURNING *`,
    [id, disabled],
  );
  return r.rows[0];
}

export async function updateUser(db: Queryable, id: number, u: { displayName: string; role: Role; regionCode: string | null }): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>('UPDATE users SET display_name = $2, role = $3, region_code = $4 WHERE id = $1 RETURNING *', [id, u.displayName, u.role, u.regionCode]);
  return r.rows[0];
}

export async function setPasswordHash(db: Queryable, id: number, hash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, password_changed_at = now(), failed_logins = 0, locked_until = NULL WHERE id = $1', [id, hash]);
}

/** Locks the account for everyone (wrong passwords came from several addresses: see LoginGuard). */
export async function lockAccount(db: Queryable, id: number, lockoutMinutes: number): Promise<void> {
  await db.query('UPDATE users SET locked_until = now() + make_interval(mins => $2) WHERE id = $1', [id, lockoutMinutes]);
}

export async function clearFailedLogins(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (failed_logins > 0 OR locked_until IS NOT NULL)', [id]);
}

/** Ids and names of accounts by username (for integrations that name operators by login). */
export async function usersByUsernames(
  db: Queryable,
  usernames: string[],
): Promise<{ id: number; username: string; display_name: string; region_code: string | null; role: Role; disabled_at: Date | null }[]> {
  if (!usernames.length) return [];
  return (
    await db.query<{ id: number; username: string; display_name: string; region_code: string | null; role: Role; disabled_at: Date | null }>(
      'SELECT id, username, display_name, region_code, role, disabled_at FROM users WHERE username = ANY($1::text[])',
      [usernames],
    )
  ).rows;
}

export async function usersByIds(db: Queryable, ids: number[]): Promise<{ id: number; username: string; display_name: string; region_code: string | null; role: Role }[]> {
  if (!ids.length) return [];
  return (
    await db.query<{ id: number; username: string; display_name: string; region_code: string | null; role: Role }>(
      'SELECT id, username, display_name, region_code, role FROM users WHERE id = ANY($1::bigint[])',
      [ids],
    )
  ).rows;
}
