// Rollups recomputed from raw events for a span of time: `otvet rollups rebuild --from --to`, and
// the proof (in a test) that the rollups kept as events arrive are exactly these.
import type { Db, Queryable } from '../../platform/db/database.ts';
import { slices } from './agent-time.ts';
import { INTERVAL_MS } from './contribution.ts';
import { countersOf } from './counters.ts';
import type { CallFacts } from './facts.ts';
import { delta } from './delta.ts';
import { addAgentTime, applyDelta, merge } from './store.ts';
import { applyDaily, type RegionZones } from './daily.ts';
import { resumMonths } from './monthly.ts';
import { resumNationalDays } from './national.ts';
import { localDay } from '../local-time.ts';
import type { Delta } from './delta.ts';

export interface RebuildSources {
  countOffered(tx: Queryable, from: Date, to: Date): Promise<number>;
  rebuiltFromEvents(tx: Queryable, from: Date, to: Date): AsyncGenerator<CallFacts[]>;
  agentSegments(tx: Queryable, from: Date, to: Date): Promise<{ region: string; state: string; from: Date; to: Date }[]>;
}

const floor = (t: Date) => new Date(Math.floor(t.getTime() / INTERVAL_MS) * INTERVAL_MS);
const ceil = (t: Date) => new Date(Math.ceil(t.getTime() / INTERVAL_MS) * INTERVAL_MS);

export async function rebuildRollups(
  db: Db,
  sources: RebuildSources,
  zones: RegionZones,
  fromAt: Date,
  toAt: Date,
  onProgress?: (calls: number, total: number) => void,
): Promise<{ calls: number; from: Date; to: Date }> {
  const from = floor(fromAt);
  const to = ceil(toAt);
  let calls = 0;
  await db.transaction(async (tx) => {
    // One snapshot for the whole rebuild, and no folding meanwhile (the folder waits on the cursor).
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await tx.query('SELECT 1 FROM mon_rollup_cursor WHERE id = 1 FOR UPDATE');
    // What this snapshot saw is counted here; its changes still waiting to be folded must not
    // add the same intervals again.
    await tx.query('INSERT INTO mon_fold_skips (from_ms, to_ms, snapshot) VALUES ($1, $2, pg_current_snapshot())', [from.getTime(), to.getTime()]);
    calls = 0;
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
    const clip = (t: Date) => Math.min(Math.max(t.getTime(), from.getTime()), to.getTime());
    await addAgentTime(
      tx,
      segments.flatMap((s) => slices(s.region, s.state, clip(s.from), clip(s.to))),
    );
    await rebuildDaily(tx, from, to, zones);
  });
  return { calls, from, to };
}

/**
 * The daily rows of every region's local days that [from, to) touches, summed again from their
 * interval rows (which are right inside the span and outside it); then their months from them.
 */
async function rebuildDaily(tx: Queryable, from: Date, to: Date, zones: RegionZones): Promise<void> {
  const all = await zones.of(tx, []);
  const days: { region: string; date: string }[] = [];
  let readFrom = from;
  let readTo = to;
  for (const [region, zone] of all) {
    for (let day = localDay(from, zone); day.from < to; day = localDay(day.to, zone)) {
      days.push({ region, date: day.date });
      if (day.from < readFrom) readFrom = day.from;
      if (day.to > readTo) readTo = day.to;
    }
  }
  const pairs = JSON.stringify(days);
  await tx.query('DELETE FROM mon_daily d USING json_to_recordset($1::json) AS x(region text, date date) WHERE d.region_code = x.region AND d.local_date = x.date', [pairs]);
  await tx.query('DELETE FROM mon_topic_daily d USING json_to_recordset($1::json) AS x(region text, date date) WHERE d.region_code = x.region AND d.local_date = x.date', [pairs]);
  const wanted = new Set(days.map((d) => `${d.region}|${d.date}`));
  const rows = await tx.query<Record<string, unknown> & { region_code: string; interval_start: Date; max_wait_seconds: number }>(
    'SELECT * FROM mon_rollups WHERE interval_start >= $1 AND interval_start < $2',
    [readFrom, readTo],
  );
  const topics = await tx.query<{ region_code: string; interval_start: Date; topic: string; calls: number }>('SELECT * FROM mon_topic_rollups WHERE interval_start >= $1 AND interval_start < $2', [
    readFrom,
    readTo,
  ]);
  const inWanted = (region: string, t: Date) => wanted.has(`${region}|${localDay(t, all.get(region) ?? 'UTC').date}`);
  const d: Delta = {
    rows: rows.rows
      .filter((r) => inWanted(r.region_code, r.interval_start))
      .map((r) => ({
        key: { region: r.region_code, queueId: 0, interval: r.interval_start.getTime() },
        counters: countersOf(r),
        maxWaitSeconds: r.max_wait_seconds,
        recomputeMax: false,
      })),
    topics: topics.rows.filter((t) => inWanted(t.region_code, t.interval_start)).map((t) => ({ region: t.region_code, interval: t.interval_start.getTime(), topic: t.topic, calls: t.calls })),
  };
  await applyDaily(tx, d, zones);
  // the months these days are in, and their dates over all regions, summed again from the days
  // (which were replaced, not added to)
  await resumMonths(tx, days);
  await resumNationalDays(tx, days);
}
