// SQL of the outbox (the events table).
import type { Queryable } from '../db/database.ts';

export const CHANNEL = 'otvet_events';

export interface EventRow {
  id: number;
  txid: string;
  topic: string;
  payload: unknown;
  created_at: Date;
}

/** Writes an event in the caller's transaction; NOTIFY is delivered by PostgreSQL at commit. */
export async function insertEvent(tx: Queryable, topic: string, payload: unknown): Promise<void> {
  await insertEvents(tx, [{ topic, payload }]);
}

/**
 * Several events in one statement (and one NOTIFY: a wake-up, not a message). The SQL is the
 * function events_publish (migration 0014), which writers' own functions call too.
 */
export async function insertEvents(tx: Queryable, events: readonly { topic: string; payload: unknown }[]): Promise<void> {
  if (!events.length) return;
  await tx.query('SELECT events_publish($1::json)', [JSON.stringify(events)]);
}

/** The oldest transaction still running: every event of an older one is committed or gone. */
export async function currentHorizon(db: Queryable): Promise<string> {
  const r = await db.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
  return r.rows[0]!.xmin;
}

/**
 * Committed events after (txid, id) written by transactions older than the horizon, in order;
 * returns the horizon seen by the same snapshot (see migrations/0015_outbox_read.sql).
 */
export async function eventsSince(db: Queryable, after: { txid: string; id: number }, limit: number): Promise<{ horizon: string; rows: EventRow[] }> {
  const r = await db.query<EventRow & { horizon: string }>('SELECT horizon, id, txid, topic, payload, created_at FROM events_since($1::xid8, $2::bigint, $3::int)', [after.txid, after.id, limit]);
  const horizon = r.rows[0]!.horizon;
  return { horizon, rows: r.rows.filter((row) => row.id !== null) };
}

/** Where a durable consumer has come to: every event of its topics before (txid, id) is handled. */
export interface EventCursor {
  txid: string;
  id: number;
}

/**
 * For a consumer that keeps its own cursor and moves it in the transaction that handles the events
 * (so each counts exactly once): committed events of these topics after the cursor, in the order
 * and below the horizon that eventsSince uses, and that horizon, read in one snapshot. With fewer
 * rows than the limit, nothing of these topics before the horizon is left: the cursor may move
 * there (txid = horizon, id = 0).
 */
export async function eventsAfter(tx: Queryable, after: EventCursor, topics: readonly string[], limit: number): Promise<{ horizon: string; rows: EventRow[] }> {
  const r = await tx.query<{ horizon: string } & { [K in keyof EventRow]: EventRow[K] | null }>(
    `WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
     SELECT s.xmin::text AS horizon, e.id, e.txid::text AS txid, e.topic, e.payload, e.created_at
       FROM s LEFT JOIN LATERAL (
         SELECT id, txid, topic, payload, created_at FROM events
          WHERE (txid, id) > ($1::xid8, $2::bigint) AND txid < s.xmin AND topic = ANY($3::text[])
          ORDER BY txid, id LIMIT $4
       ) e ON true`,
    [after.txid, after.id, topics, limit],
  );
  const horizon = r.rows[0]!.horizon;
  return { horizon, rows: r.rows.filter((row): row is EventRow & { horizon: string } => row.id !== null) };
}

/**
 * Whether a committed event of these topics, with an id up to upTo, still lies after the cursor:
 * either not handled yet, or held back by the horizon because an older transaction (on any
 * database of the server) is still open. Without upTo, "up to now": the newest committed id, read
 * in the same statement and returned, so that a reader asks once when nothing is pending.
 */
export async function eventsPending(db: Queryable, after: EventCursor, topics: readonly string[], upTo?: number): Promise<{ pending: boolean; upTo: number }> {
  const r = await db.query<{ pending: boolean; up_to: string | number }>(
    `WITH u AS (SELECT COALESCE($3::bigint, (SELECT max(id) FROM events), 0) AS up_to)
     SELECT u.up_to, EXISTS (SELECT 1 FROM events e WHERE (e.txid, e.id) > ($1::xid8, $2::bigint) AND e.id <= u.up_to AND e.topic = ANY($4::text[])) AS pending FROM u`,
    [after.txid, after.id, upTo ?? null, topics],
  );
  return { pending: r.rows[0]!.pending, upTo: Number(r.rows[0]!.up_to) };
}

/** Events of some topics after an id, for clients resuming a stream (Last-Event-ID). */
export async function eventsAfterId(db: Queryable, afterId: number, topics: readonly string[], limit: number): Promise<EventRow[]> {
  const r = await db.query<EventRow>(
    `SELECT id, txid::text AS txid, topic, payload, created_at FROM events
      WHERE id > $1 AND topic = ANY($2::text[]) ORDER BY id LIMIT $3`,
    [afterId, topics, limit],
  );
  return r.rows;
}

export async function deleteEventsBefore(db: Queryable, before: Date): Promise<number> {
  return (await db.query('DELETE FROM events WHERE created_at < $1', [before])).rowCount;
}
