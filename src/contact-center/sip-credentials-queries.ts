// SQL of operators' SIP credentials (cc_sip_credentials): digest HA1s, never passwords; the feed
// edges read, with the browser phone's session credentials (cc_sip_session_credentials) beside them.
import type { Queryable } from '../platform/db/database.ts';

export interface SipCredentialRow {
  /** An operator's own password, or a web session's credential for the browser phone. */
  kind: 'password' | 'session';
  user_id: number;
  /** The digest username: the operator's for a password, `${operator}~…` for a session's. */
  username: string;
  /** The operator's otvet username: the address-of-record their phones register. */
  operator: string;
  region_code: string;
  realm: string;
  /** Both null once the credential was removed or revoked (the row stays to tell refreshing edges). */
  ha1_md5: string | null;
  ha1_sha256: string | null;
  updated_at: Date;
  /** A session credential's web session and end; null for a password. */
  session_id: string | null;
  expires_at: Date | null;
  /** Past its end (a session credential). */
  expired: boolean;
  /** Written at or after the cursor (every row of a full load). */
  changed: boolean;
}

export async function upsertCredential(tx: Queryable, c: { userId: number; username: string; region: string; realm: string; ha1Md5: string; ha1Sha256: string }): Promise<void> {
  await tx.query(
    `INSERT INTO cc_sip_credentials (user_id, username, region_code, realm, ha1_md5, ha1_sha256) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id) DO UPDATE SET realm = excluded.realm, ha1_md5 = excluded.ha1_md5, ha1_sha256 = excluded.ha1_sha256,
       updated_at = now(), txid = pg_current_xact_id()`,
    [c.userId, c.username, c.region, c.realm, c.ha1Md5, c.ha1Sha256],
  );
}

/** Forgets the HA1s; false when there were none. */
export async function removeCredential(tx: Queryable, userId: number): Promise<boolean> {
  const r = await tx.query(
    `UPDATE cc_sip_credentials SET ha1_md5 = NULL, ha1_sha256 = NULL, updated_at = now(), txid = pg_current_xact_id()
      WHERE user_id = $1 AND ha1_md5 IS NOT NULL RETURNING user_id`,
    [userId],
  );
  return r.rows.length > 0;
}

/** Marks an operator's row changed (their account was disabled or enabled): refreshing edges read it again. */
export async function touchCredential(db: Queryable, userId: number): Promise<void> {
  await db.query('UPDATE cc_sip_credentials SET txid = pg_current_xact_id() WHERE user_id = $1', [userId]);
}

/**
 * The rows of a region (undefined = all) written at or after the cursor `since`, and the commit
 * horizon of the same snapshot: every transaction older than it has ended, so reading again from it
 * misses nothing (and may see a few rows twice). Without a cursor: the rows with HA1s. Session
 * credentials that still have HA1s come either way (marked `changed` or not): whether their web
 * session is still live is asked elsewhere, and one that ended without a write must still be told.
 */
export async function credentialsSince(db: Queryable, f: { region?: string; since?: string }): Promise<{ horizon: string; rows: SipCredentialRow[] }> {
  const r = await db.query<{ horizon: string } & { [K in keyof SipCredentialRow]: SipCredentialRow[K] | null }>(
    `WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
     SELECT s.xmin::text AS horizon, c.* FROM s LEFT JOIN LATERAL (
         SELECT 'password' AS kind, user_id, username, username AS operator, region_code, realm, ha1_md5, ha1_sha256, updated_at,
                NULL::text AS session_id, NULL::timestamptz AS expires_at, false AS expired, true AS changed
           FROM cc_sip_credentials
          WHERE ($1::text IS NULL OR region_code = $1) AND ($2::xid8 IS NULL OR txid >= $2::xid8) AND ($2::xid8 IS NOT NULL OR ha1_md5 IS NOT NULL)
         UNION ALL
         SELECT 'session', user_id, username, operator, region_code, realm, ha1_md5, ha1_sha256, updated_at,
                session_id, expires_at, expires_at <= now(), $2::xid8 IS NULL OR txid >= $2::xid8
           FROM cc_sip_session_credentials
          WHERE ($1::text IS NULL OR region_code = $1) AND (ha1_md5 IS NOT NULL OR txid >= $2::xid8)
       ) c ON true
      ORDER BY c.username`,
    [f.region ?? null, f.since ?? null],
  );
  return { horizon: r.rows[0]!.horizon, rows: r.rows.filter((row): row is { horizon: string } & SipCredentialRow => row.user_id !== null) };
}
