// SQL of the browser phone's SIP credentials (cc_sip_session_credentials): one per web session,
// digest HA1s only. A revoked one keeps its row without HA1s, with a new txid, for refreshing edges.
import type { Queryable } from '../platform/db/database.ts';

export async function insertSessionCredential(
  tx: Queryable,
  c: { username: string; userId: number; operator: string; region: string; realm: string; ha1Md5: string; ha1Sha256: string; sessionId: string; expiresAt: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO cc_sip_session_credentials (username, user_id, operator, region_code, realm, ha1_md5, ha1_sha256, session_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [c.username, c.userId, c.operator, c.region, c.realm, c.ha1Md5, c.ha1Sha256, c.sessionId, c.expiresAt],
  );
}

const REVOKE = 'UPDATE cc_sip_session_credentials SET ha1_md5 = NULL, ha1_sha256 = NULL, updated_at = now(), txid = pg_current_xact_id()';

/** Forgets the HA1s of these web sessions' credentials; the usernames revoked. */
export async function revokeSessions(tx: Queryable, sessionIds: string[]): Promise<string[]> {
  const r = await tx.query<{ username: string }>(`${REVOKE} WHERE session_id = ANY($1::text[]) AND ha1_md5 IS NOT NULL RETURNING username`, [sessionIds]);
  return r.rows.map((row) => row.username);
}

/** Forgets the HA1s of these credentials (found dead: expired, session ended, account disabled). */
export async function revokeUsernames(db: Queryable, usernames: string[]): Promise<void> {
  await db.query(`${REVOKE} WHERE username = ANY($1::text[]) AND ha1_md5 IS NOT NULL`, [usernames]);
}

/** Marks an operator's usable credentials changed (their account was disabled or enabled): refreshing edges read them again. */
export async function touchUserSessions(db: Queryable, userId: number): Promise<void> {
  await db.query('UPDATE cc_sip_session_credentials SET txid = pg_current_xact_id() WHERE user_id = $1 AND ha1_md5 IS NOT NULL', [userId]);
}

/** Deletes rows a week past their end: edges were told their expiry and stopped accepting them then. */
export async function pruneEnded(tx: Queryable): Promise<void> {
  await tx.query("DELETE FROM cc_sip_session_credentials WHERE expires_at < now() - interval '7 days'");
}
