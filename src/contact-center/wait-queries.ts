// SQL of a waiting caller's place: the calls ahead in its queue and the operators at work.
import type { Queryable } from '../platform/db/database.ts';

/**
 * Calls waiting in the queue that came before this one (in the ACD's order: since when each
 * waits, then the call id), and the operators at work (not offline) in the queue's region.
 */
export async function waitFigures(db: Queryable, c: { callId: string; queueId: number; queueRegion: string; since: Date }): Promise<{ ahead: number; atWork: number }> {
  const r = await db.query<{ ahead: number; at_work: number }>(
    `SELECT (SELECT count(*)::int FROM cc_calls
              WHERE queue_region = $2 AND state = 'waiting' AND queue_id = $1
                AND (coalesce(queued_at, offered_at), call_id) < ($3::timestamptz, $4::text)) AS ahead,
            (SELECT count(*)::int FROM cc_agents WHERE region_code = $2 AND state <> 'offline') AS at_work`,
    [c.queueId, c.queueRegion, c.since, c.callId],
  );
  return { ahead: r.rows[0]!.ahead, atWork: r.rows[0]!.at_work };
}
