import type { Queryable } from '../db/database.ts';
import type { Role, TokenRouting } from '../access/principal.ts';

export interface TokenRow {
  id: number;
  user_id: number;
  name: string;
  prefix: string;
  created_at: Date;
  created_by: string | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  scopes: string[] | null;
  routing: TokenRouting;
  username: string;
  region_code: string | null;
}

const SELECT = `SELECT t.id, t.user_id, t.name, t.prefix, t.created_at, t.created_by, t.expires_at, t.last_used_at,
  t.revoked_at, t.scopes, t.routing, u.username, u.region_code FROM api_tokens t JOIN users u ON u.id = t.user_id`;

export async function insertToken(
  db: Queryable,
  t: { userId: number; name: string; hash: string; prefix: string; createdBy: string | null; expiresAt: Date | null; scopes: string[] | null; routing: TokenRouting },
): Promise<TokenRow> {
  const r = await db.query<{ id: number }>(`INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_by, expires_at, scopes, routing) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, [
    t.userId,
    t.name,
    t.hash,
    t.prefix,
    t.createdBy,
    t.expiresAt,
    t.scopes,
    t.routing,
  ]);
  return (await tokenById(db, r.rows[0]!.id))!;
}

export async function tokenById(db: Queryable, id: number): Promise<TokenRow | undefined> {
  return (await db.query<TokenRow>(`${SELECT} WHERE t.id = $1`, [id])).rows[0];
}

/** region: a code, null for federal accounts, undefined for all. */
export async function selectTokens(db: Queryable, f: { region?: string | null; includeRevoked: boolean }): Promise<TokenRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.region === null) where.push('u.region_code IS NULL');
  else if (f.region !== undefined) where.push(`u.region_code = $${params.push(f.region)}`);
  if (!f.includeRevoked) where.push('t.revoked_at IS NULL');
  const r = await db.query<TokenRow>(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.id`, params);
  return r.rows;
}

export async function revokeToken(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [id]);
}

export interface TokenPrincipalRow {
  token_id: number;
  scopes: string[] | null;
  routing: TokenRouting;
  expires_at: Date | null;
  last_used_at: Date | null;
  user_id: number;
  username: string;
  display_name: string;
  role: Role;
  region_code: string | null;
}

export async function liveToken(db: Queryable, hash: string): Promise<TokenPrincipalRow | undefined> {
  const r = await db.query<TokenPrincipalRow>(
    `SELECT t.id AS token_id, t.scopes, t.routing, t.expires_at, t.last_used_at, u.id AS user_id, u.username, u.display_name, u.role, u.region_code
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
        AND u.disabled_at IS NULL`,
    [hash],
  );
  return r.rows[0];
}

export async function touchToken(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [id]);
}
