import type { Queryable } from '../db/database.ts';
import type { Role } from '../access/principal.ts';

export interface SessionPrincipalRow {
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  user_id: number;
  username: string;
  display_name: string;
  role: Role;
  region_code: string | null;
}

export async function insertSession(db: Queryable, s: { id: string; userId: number; csrfToken: string; expiresAt: Date; ip?: string; userAgent?: string }): Promise<void> {
  await db.query(`INSERT INTO sessions (id, user_id, csrf_token, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6)`, [
    s.id,
    s.userId,
    s.csrfToken,
    s.expiresAt,
    s.ip ?? null,
    s.userAgent?.slice(0, 500) ?? null,
  ]);
}

/** A live session of an enabled user: not past its end, not idle too long. */
export async function liveSession(db: Queryable, id: string, idleMinutes: number): Promise<SessionPrincipalRow | undefined> {
  const r = await db.query<SessionPrincipalRow>(
    `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, s.expires_at,
            u.id AS user_id, u.username, u.display_name, u.role, u.region_code
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)
        AND u.disabled_at IS NULL`,
    [id, idleMinutes],
  );
  return r.rows[0];
}

export async function touchSession(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [id]);
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [id]);
}

/** The ids of the sessions deleted. */
export async function deleteUserSessions(db: Queryable, userId: number): Promise<string[]> {
  return (await db.query<{ id: string }>('DELETE FROM sessions WHERE user_id = $1 RETURNING id', [userId])).rows.map((r) => r.id);
}

/** The ids of the sessions deleted. */
export async function deleteEndedSessions(db: Queryable, idleMinutes: number): Promise<string[]> {
  const r = await db.query<{ id: string }>('DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $1) RETURNING id', [idleMinutes]);
  return r.rows.map((row) => row.id);
}

/** Of these sessions, the live ones (as liveSession: not past their end, not idle too long), with their end. */
export async function liveSessionEnds(db: Queryable, ids: string[], idleMinutes: number): Promise<{ id: string; expires_at: Date }[]> {
  const r = await db.query<{ id: string; expires_at: Date }>(
    'SELECT id, expires_at FROM sessions WHERE id = ANY($1::text[]) AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $2)',
    [ids, idleMinutes],
  );
  return r.rows;
}
