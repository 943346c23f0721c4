// Writing the rollups: deltas merged per row and applied in one statement per table (a batch never
// touches a row twice), row maximums recomputed where a wait shrank or left.
import type { Queryable } from '../../platform/db/database.ts';
import { contribution, INTERVAL_MS } from './contribution.ts';
import { addCounters, COUNTER_COLUMNS, COUNTER_RECORD, COUNTER_UPSERT, counterValues } from './counters.ts';
import type { CallFacts } from './facts.ts';
import type { Delta, RowDelta } from './delta.ts';
import type { TimeSlice } from './agent-time.ts';

const rowKey = (r: RowDelta['key']) => `${r.region}|${r.queueId}|${r.interval}`;

/** Adds deltas of many calls, merged per row. */
export function merge(deltas: Delta[]): Delta {
  const rows = new Map<string, RowDelta>();
  const topics = new Map<string, Delta['topics'][number]>();
  for (const d of deltas) {
    for (const r of d.rows) {
      const k = rowKey(r.key);
      const cur = rows.get(k);
      if (!cur) {
        rows.set(k, { ...r });
        continue;
      }
      cur.counters = addCounters(cur.counters, r.counters);
      cur.maxWaitSeconds = Math.max(cur.maxWaitSeconds, r.maxWaitSeconds);
      cur.recomputeMax ||= r.recomputeMax;
    }
    for (const t of d.topics) {
      const k = `${t.region}|${t.interval}|${t.topic}`;
      const cur = topics.get(k);
      if (cur) cur.calls += t.calls;
      else topics.set(k, { ...t });
    }
  }
  return { rows: [...rows.values()], topics: [...topics.values()].filter((t) => t.calls !== 0) };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One table's share of a write: its statement (taking its JSON as parameter $n) and that JSON. */
export interface Part {
  sql: (n: number) => string;
  param: string;
}

/**
 * Runs the parts as one statement (each a data-modifying WITH clause): one round trip to the
 * database per transaction, whatever the number of tables touched.
 */
export async function runParts(tx: Queryable, parts: (Part | null)[]): Promise<void> {
  const live = parts.filter((x): x is Part => x !== null);
  if (!live.length) return;
  if (live.length === 1) return void (await tx.query(live[0]!.sql(1), [live[0]!.param]));
  const sql = `WITH ${live.map((x, i) => `p${i} AS (${x.sql(i + 1)})`).join(', ')} SELECT 1`;
  await tx.query(
    sql,
    live.map((x) => x.param),
  );
}

export function rollupsPart(d: Delta): Part | null {
  if (!d.rows.length) return null;
  return {
    sql: (n) =>
      `INSERT INTO mon_rollups AS r (region_code, queue_id, interval_start, ${COUNTER_COLUMNS})
       SELECT region, queue_id, interval_start, ${COUNTER_COLUMNS}
         FROM json_to_recordset($${n}::json) AS x(region text, queue_id bigint, interval_start timestamptz, ${COUNTER_RECORD})
       ON CONFLICT (region_code, queue_id, interval_start) DO UPDATE SET ${COUNTER_UPSERT}`,
    param: JSON.stringify(
      // in one order everywhere, so that concurrent batches never wait on each other in a circle
      [...d.rows]
        .sort((a, b) => rowKey(a.key).localeCompare(rowKey(b.key)))
        .map((r) => ({ region: r.key.region, queue_id: r.key.queueId, interval_start: iso(r.key.interval), ...counterValues(r.counters, r.maxWaitSeconds) })),
    ),
  };
}

export function topicsPart(d: Delta): Part | null {
  if (!d.topics.length) return null;
  return {
    sql: (n) =>
      `INSERT INTO mon_topic_rollups AS r (region_code, interval_start, topic, calls)
       SELECT region, interval_start, topic, calls FROM json_to_recordset($${n}::json) AS x(region text, interval_start timestamptz, topic text, calls int)
       ON CONFLICT (region_code, interval_start, topic) DO UPDATE SET calls = r.calls + excluded.calls`,
    param: JSON.stringify(
      [...d.topics]
        .sort((a, b) => `${a.region}|${a.interval}|${a.topic}`.localeCompare(`${b.region}|${b.interval}|${b.topic}`))
        .map((t) => ({ region: t.region, interval_start: iso(t.interval), topic: t.topic, calls: t.calls })),
    ),
  };
}

export async function applyDelta(tx: Queryable, d: Delta): Promise<void> {
  await runParts(tx, [rollupsPart(d), topicsPart(d)]);
}

/** Sets the maximum wait of rows from the calls that count in them now. */
export async function recomputeMax(tx: Queryable, rows: RowDelta['key'][], callsIn: (regions: string[], from: Date, to: Date) => Promise<CallFacts[]>): Promise<void> {
  for (const key of rows) {
    const calls = await callsIn([key.region], new Date(key.interval), new Date(key.interval + INTERVAL_MS));
    let max = 0;
    for (const c of calls) for (const r of contribution(c).rows) if (rowKey(r.key) === rowKey(key)) max = Math.max(max, r.counters.maxWaitSeconds);
    await tx.query('UPDATE mon_rollups SET max_wait_seconds = $4 WHERE region_code = $1 AND queue_id = $2 AND interval_start = $3', [key.region, key.queueId, new Date(key.interval), max]);
  }
}

export async function addAgentTime(tx: Queryable, slices: TimeSlice[]): Promise<void> {
  const merged = new Map<string, TimeSlice>();
  for (const s of slices) {
    const k = `${s.region}|${s.interval}|${s.state}`;
    const cur = merged.get(k);
    if (cur) cur.seconds += s.seconds;
    else merged.set(k, { ...s });
  }
  if (!merged.size) return;
  await tx.query(
    `INSERT INTO mon_agent_time AS r (region_code, interval_start, state, seconds)
     SELECT region, interval_start, state, seconds FROM json_to_recordset($1::json) AS x(region text, interval_start timestamptz, state text, seconds float8)
     ON CONFLICT (region_code, interval_start, state) DO UPDATE SET seconds = r.seconds + excluded.seconds`,
    [JSON.stringify([...merged.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, s]) => ({ region: s.region, interval_start: iso(s.interval), state: s.state, seconds: s.seconds })))],
  );
}
