// SQL of calls and their raw events.
import type { Db, Queryable } from '../platform/db/database.ts';
import type { OutboxEvent } from '../platform/events/bus.ts';
import type { CallEvent, CallRecord, CallState } from './call-fold.ts';
import { toRow, type CallRow } from './call-rows.ts';
import type { AgentLogEntry, AgentRow } from './agents-queries.ts';

interface EventRow {
  id: string;
  call_id: string;
  type: CallEvent['type'];
  at: Date;
  data: Record<string, unknown>;
  source: CallEvent['source'];
}

export type { CallRow } from './call-rows.ts';

const toEvent = (r: EventRow): CallEvent => ({ id: r.id, callId: r.call_id, type: r.type, at: r.at, data: r.data, source: r.source });

/**
 * Locks the calls for the rest of the transaction and returns their events, and any other stored
 * events whose ids are given (to tell a duplicate from an id reused for something else).
 */
export async function lockAndRead(tx: Queryable, callIds: string[], eventIds: string[]): Promise<CallEvent[]> {
  const r = await tx.query<EventRow>('SELECT id, call_id, type, at, data, source FROM cc_lock_and_read($1::text[], $2::text[])', [callIds, eventIds]);
  return r.rows.map(toEvent);
}

/**
 * Everything one batch writes, in one call: its events, its calls, its operators' states and their
 * log, the outbox (each round trip to the database is time a caller waits for an operator). The
 * SQL is the function cc_write_batch (migration 0014), whose statements keep their plans.
 */
export async function writeBatch(tx: Queryable, b: { events: CallEvent[]; calls: CallRecord[]; agents: AgentRow[]; log: AgentLogEntry[]; publish: OutboxEvent[] }): Promise<void> {
  await tx.query('SELECT cc_write_batch($1::json, $2::json, $3::json, $4::json, $5::json)', [
    JSON.stringify(b.events.map((e) => ({ id: e.id, call_id: e.callId, type: e.type, at: e.at.toISOString(), data: e.data, source: e.source }))),
    JSON.stringify(b.calls.map(toRow)),
    JSON.stringify(
      b.agents.map((r) => ({ user_id: r.user_id, state: r.state, reason: r.reason, call_id: r.call_id, idle_since: r.idle_since, break_after: r.break_after, state_since: r.state_since })),
    ),
    JSON.stringify(b.log),
    JSON.stringify(b.publish),
  ]);
}

export async function callById(db: Queryable, callId: string): Promise<CallRow | undefined> {
  return (await db.query<CallRow>('SELECT * FROM cc_calls WHERE call_id = $1', [callId])).rows[0];
}

export async function callsByIds(db: Queryable, ids: string[]): Promise<CallRow[]> {
  return (await db.query<CallRow>('SELECT * FROM cc_calls WHERE call_id = ANY($1::text[])', [ids])).rows;
}

export async function eventsOfCall(db: Queryable, callId: string): Promise<CallEvent[]> {
  const r = await db.query<EventRow>('SELECT id, call_id, type, at, data, source FROM cc_call_events WHERE call_id = $1', [callId]);
  return r.rows.map(toEvent);
}

/** The stored events of these calls. */
/**
 * A call's row and its events from one snapshot (REPEATABLE READ, read only): read apart, a commit
 * landing between the two reads showed a close event beside a row not yet closed.
 */
export async function callWithEvents(db: Db, callId: string): Promise<{ row: CallRow | undefined; events: CallEvent[] }> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const row = await callById(tx, callId);
    return { row, events: row ? await eventsOfCall(tx, callId) : [] };
  });
}

export async function eventsOfCalls(db: Queryable, callIds: string[]): Promise<CallEvent[]> {
  const r = await db.query<EventRow>('SELECT id, call_id, type, at, data, source FROM cc_call_events WHERE call_id = ANY($1::text[])', [callIds]);
  return r.rows.map(toEvent);
}

export interface CallFilter {
  /** Calls offered in, or queued in, these regions (undefined = all). */
  regions?: string[];
  from?: Date;
  to?: Date;
  state?: CallState;
  operatorId?: number;
  limit: number;
}

export async function selectCalls(db: Queryable, f: CallFilter): Promise<CallRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (f.regions) {
    const r = p(f.regions);
    where.push(`(region_code = ANY(${r}::text[]) OR queue_region = ANY(${r}::text[]))`);
  }
  if (f.from) where.push(`offered_at >= ${p(f.from)}`);
  if (f.to) where.push(`offered_at < ${p(f.to)}`);
  if (f.state) where.push(`state = ${p(f.state)}`);
  if (f.operatorId) where.push(`operator_id = ${p(f.operatorId)}`);
  const r = await db.query<CallRow>(`SELECT * FROM cc_calls ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY offered_at DESC NULLS LAST, call_id LIMIT ${p(f.limit)}`, params);
  return r.rows;
}

/** Earlier calls from the same number (by its keyed hash). */
export async function previousCalls(db: Queryable, callerHash: string, before: Date, days: number, limit: number): Promise<CallRow[]> {
  const r = await db.query<CallRow>(
    `SELECT * FROM cc_calls WHERE caller_hash = $1 AND offered_at < $2 AND offered_at >= $2::timestamptz - make_interval(days => $3)
      ORDER BY offered_at DESC LIMIT $4`,
    [callerHash, before, days, limit],
  );
  return r.rows;
}

/** Calls waiting now, per region that serves them: since when each has been waiting. */
export async function waitingByRegion(db: Queryable): Promise<{ region: string; since: Date[] }[]> {
  const r = await db.query<{ region: string; since: Date[] }>(
    `SELECT queue_region AS region, array_agg(coalesce(queued_at, offered_at) ORDER BY coalesce(queued_at, offered_at)) AS since
       FROM cc_calls WHERE state IN ('waiting', 'callback_pending') AND queue_region IS NOT NULL GROUP BY queue_region`,
  );
  return r.rows.map((x) => ({ region: x.region, since: x.since.map((t) => new Date(t)) }));
}
