// How long an appeal's personal data is kept: once an appeal has been closed (after its answer) or
// rejected for longer than the retention period, its appellant's data, the comments' texts and
// the files are removed; the appeal's row stays anonymised (type, region, organisation, dates,
// status, history), so the figures and the year's reports do not change.
import type { Db } from '../platform/db/database.ts';

export interface Retention {
  /** Appeals anonymised (or, in a dry run, that would be). */
  appeals: number;
  comments: number;
  attachments: number;
}

/** Closed appeals whose end is before `before` and still hold personal data: anonymised in one transaction. */
export async function anonymiseClosed(db: Db, before: Date, o: { dryRun?: boolean; now: Date }): Promise<Retention> {
  return db.transaction(async (tx) => {
    const ids = (
      await tx.query<{ id: string }>(`SELECT id FROM ap_appeals WHERE status IN ('closed', 'rejected') AND closed_at < $1 AND anonymised_at IS NULL ORDER BY id FOR UPDATE`, [before])
    ).rows.map((r) => r.id);
    if (!ids.length) return { appeals: 0, comments: 0, attachments: 0 };
    const count = async (table: string) => Number((await tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE appeal_id = ANY($1::bigint[])`, [ids])).rows[0]!.n);
    const result = { appeals: ids.length, comments: await count('ap_comments'), attachments: await count('ap_attachments') };
    if (o.dryRun) return result;
    await tx.query('DELETE FROM ap_attachments WHERE appeal_id = ANY($1::bigint[])', [ids]);
    await tx.query('DELETE FROM ap_comments WHERE appeal_id = ANY($1::bigint[])', [ids]);
    // (the sealed part emptied, the masked one too, the hashes that could tell who filed it gone)
    await tx.query(
      `UPDATE ap_appeals SET sealed = '\\x'::bytea, masked = '{"name": "—", "phone": null, "email": null}', dedupe_hash = '\\x'::bytea, code_sealed = NULL, notify = false, anonymised_at = $2
       WHERE id = ANY($1::bigint[])`,
      [ids, o.now],
    );
    await tx.query(
      `INSERT INTO ap_history (appeal_id, at, actor_id, action, from_status, to_status, details)
       SELECT id, $2, NULL, 'anonymised', status, NULL, '{}' FROM ap_appeals WHERE id = ANY($1::bigint[])`,
      [ids, o.now],
    );
    return result;
  });
}
