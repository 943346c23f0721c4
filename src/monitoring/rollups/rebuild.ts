// Rollups recomputed from raw events for a span of time: `otvet rollups rebuild --from --to`, and
// the proof (in a test) that the rollups kept as events arrive are exactly these.
import type { CallRecord } from '../../contact-center/index.ts';
import type { Db, Queryable } from '../../platform/db/database.ts';
import { slices } from './agent-time.ts';
import { INTERVAL_MS } from './contribution.ts';
import { delta } from './delta.ts';
import { addAgentTime, applyDelta, merge } from './store.ts';

export interface RebuildSources {
  countOffered(tx: Queryable, from: Date, to: Date): Promise<number>;
  rebuiltFromEvents(tx: Queryable, from: Date, to: Date): AsyncGenerator<CallRecord[]>;
  agentSegments(tx: Queryable, from: Date, to: Date): Promise<{ region: string; state: string; from: Date; to: Date }[]>;
}

const floor = (t: Date) => new Date(Math.floor(t.getTime() / INTERVAL_MS) * INTERVAL_MS);
const ceil = (t: Date) => new Date(Math.ceil(t.getTime() / INTERVAL_MS) * INTERVAL_MS);

export async function rebuildRollups(db: Db, sources: RebuildSources, fromAt: Date, toAt: Date, onProgress?: (calls: number, total: number) => void): Promise<{ calls: number; from: Date; to: Date }> {
  const from = floor(fromAt);
  const to = ceil(toAt);
  let calls = 0;
  await db.transaction(async (tx) => {
    const total = onProgress ? await sources.countOffered(tx, from, to) : 0;
    for (const table of ['mon_rollups', 'mon_topic_rollups', 'mon_agent_time']) {
      await tx.query(`DELETE FROM ${table} WHERE interval_start >= $1 AND interval_start < $2`, [from, to]);
    }
    for await (const page of sources.rebuiltFromEvents(tx, from, to)) {
      await applyDelta(tx, merge(page.map((c) => delta(null, c))));
      calls += page.length;
      onProgress?.(calls, total);
    }
    const segments = await sources.agentSegments(tx, from, to);
    const clip = (t: Date) => new Date(Math.min(Math.max(t.getTime(), from.getTime()), to.getTime()));
    await addAgentTime(tx, segments.flatMap((s) => slices(s.region, s.state, clip(s.from), clip(s.to))));
  });
  return { calls, from, to };
}
