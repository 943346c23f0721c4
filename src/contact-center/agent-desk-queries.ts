// SQL of the operator's own desk: their calls today, their region's waiting callers, and when the
// call ringing for them last started to ring.
import type { Queryable } from '../platform/db/database.ts';

/**
 * Calls the operator answered since `dayStart` (a call passed on to a colleague counts as the
 * colleague's: cc_calls keeps the last operator) and the average talk time of those that ended.
 */
export async function operatorDay(db: Queryable, operatorId: number, dayStart: Date): Promise<{ answered: number; talkSecondsAvg: number | null }> {
  const r = await db.query<{ answered: number; talk: number | null }>(
    `SELECT count(*)::int AS answered,
            avg(extract(epoch FROM ended_at - answered_at)) FILTER (WHERE ended_at IS NOT NULL)::float8 AS talk
       FROM cc_calls
      WHERE operator_id = $1 AND answered_at >= $2`,
    [operatorId, dayStart],
  );
  return { answered: r.rows[0]!.answered, talkSecondsAvg: r.rows[0]!.talk };
}

/** Callers waiting in the region's queues now, and how long the first of them has waited (s, at `now`). */
export async function regionWaiting(db: Queryable, region: string, now: Date): Promise<{ waiting: number; longestWaitSeconds: number }> {
  const r = await db.query<{ waiting: number; longest: number }>(
    `SELECT count(*)::int AS waiting,
            coalesce(max(extract(epoch FROM $2::timestamptz - coalesce(queued_at, offered_at))), 0)::int AS longest
       FROM cc_calls
      WHERE queue_region = $1 AND state = 'waiting'`,
    [region, now],
  );
  return { waiting: r.rows[0]!.waiting, longestWaitSeconds: Math.max(0, r.rows[0]!.longest) };
}

/**
 * When the call's latest ring began: its last `ringing` event (the ACD's ring) or `transferred` one
 * (a colleague's phone rung at once). cc_calls.ringing_at keeps the first ring only.
 */
export async function lastRingAt(db: Queryable, callId: string): Promise<Date | null> {
  const r = await db.query<{ at: Date | null }>(`SELECT max(at) AS at FROM cc_call_events WHERE call_id = $1 AND type IN ('ringing', 'transferred')`, [callId]);
  return r.rows[0]?.at ?? null;
}

/**
 * The answers most used on calls about a topic (the IVR's or one chosen in wrap-up) offered since
 * `since`, in the given regions (all when undefined): by how many calls used each.
 */
export async function answersUsedOnTopic(db: Queryable, topic: string, since: Date, regions: string[] | undefined, limit: number): Promise<{ slug: string; calls: number }[]> {
  const r = await db.query<{ slug: string; calls: number }>(
    `SELECT slug, count(*)::int AS calls
       FROM cc_calls, unnest(answers_used) AS slug
      WHERE offered_at >= $2 AND ($3::text[] IS NULL OR region_code = ANY($3::text[]))
        AND (topic = $1 OR $1 = ANY(topics))
      GROUP BY slug
      ORDER BY calls DESC, slug
      LIMIT $4`,
    [topic, since, regions ?? null, limit],
  );
  return r.rows;
}
