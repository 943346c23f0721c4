// Calls as other modules may read them, in the form of the facts a change publishes: rebuilt from
// raw events (for recomputing rollups), or as stored, for a region and a span of time.
import type { Db, Queryable } from '../platform/db/database.ts';
import type { CallEvent } from './call-fold.ts';
import type { CallEventsRecorder } from './call-events.ts';
import { recordOf, type CallRow } from './call-rows.ts';
import { eventsOfCalls, waitingByRegion } from './calls-queries.ts';
import { callFacts, type CallFacts } from './change-facts.ts';

export class CallSources {
  constructor(
    private readonly db: Db,
    private readonly recorder: CallEventsRecorder,
  ) {}

  /** Calls waiting now per serving region: since when each has been waiting. */
  waitingNow(): Promise<{ region: string; since: Date[] }[]> {
    return waitingByRegion(this.db);
  }

  /** How many calls were offered in [from, to) (for progress). */
  async countOffered(tx: Queryable, from: Date, to: Date): Promise<number> {
    const r = await tx.query<{ n: number }>("SELECT count(DISTINCT call_id)::int AS n FROM cc_call_events WHERE type = 'offered' AND at >= $1 AND at < $2", [from, to]);
    return r.rows[0]!.n;
  }

  /** Calls offered in [from, to), folded again from their raw events (pages of 5,000 calls). */
  async *rebuiltFromEvents(tx: Queryable, from: Date, to: Date): AsyncGenerator<CallFacts[]> {
    let after = '';
    for (;;) {
      const ids = await tx.query<{ call_id: string }>(`SELECT DISTINCT call_id FROM cc_call_events WHERE type = 'offered' AND at >= $1 AND at < $2 AND call_id > $3 ORDER BY call_id LIMIT 5000`, [
        from,
        to,
        after,
      ]);
      if (!ids.rows.length) return;
      const list = ids.rows.map((r) => r.call_id);
      const byCall = new Map<string, CallEvent[]>();
      for (const e of await eventsOfCalls(tx, list)) (byCall.get(e.callId) ?? byCall.set(e.callId, []).get(e.callId)!).push(e);
      yield list.map((id) => callFacts(this.recorder.refold(id, byCall.get(id) ?? [])));
      after = list[list.length - 1]!;
    }
  }

  agentSegments(tx: Queryable, from: Date, to: Date): Promise<AgentSegment[]> {
    return agentSegments(tx, from, to);
  }

  /** Stored calls offered in [from, to) that started in, or were served in, these regions. */
  async stored(tx: Queryable, regions: string[], from: Date, to: Date): Promise<CallFacts[]> {
    const r = await tx.query<CallRow>(`SELECT * FROM cc_calls WHERE offered_at >= $2 AND offered_at < $3 AND (region_code = ANY($1::text[]) OR queue_region = ANY($1::text[]))`, [regions, from, to]);
    return r.rows.map((row) => callFacts(recordOf(row)));
  }
}

export interface AgentSegment {
  region: string;
  state: string;
  from: Date;
  to: Date;
}

/** Operators' closed state segments overlapping [from, to), from their state log. */
export async function agentSegments(db: Queryable, from: Date, to: Date): Promise<AgentSegment[]> {
  const r = await db.query<{ region_code: string; state: string; at: Date; until: Date }>(
    `SELECT region_code, state, at, until FROM (
       SELECT region_code, state, at, lead(at) OVER (PARTITION BY user_id ORDER BY at, id) AS until FROM cc_agent_log
     ) s WHERE until IS NOT NULL AND until > $1 AND at < $2 AND state <> 'offline'`,
    [from, to],
  );
  return r.rows.map((x) => ({ region: x.region_code, state: x.state, from: x.at, to: x.until }));
}
