// Writing the rollups: deltas merged per row and applied in one statement per table (a batch never
// touches a row twice), row maximums recomputed where a wait shrank or left.
import type { Queryable } from '../../platform/db/database.ts';
import { contribution, INTERVAL_MS } from './contribution.ts';
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
        rows.set(k, { ...r, counters: { ...r.counters, answeredWithin: [...r.counters.answeredWithin], abandonedWithin: [...r.counters.abandonedWithin] } });
        continue;
      }
      const c = cur.counters;
      const n = r.counters;
      c.offered += n.offered;
      c.answered += n.answered;
      c.abandoned += n.abandoned;
      c.overflowOut += n.overflowOut;
      c.overflowIn += n.overflowIn;
      c.callbacks += n.callbacks;
      c.waitSeconds += n.waitSeconds;
      c.talkSeconds += n.talkSeconds;
      c.wrapSeconds += n.wrapSeconds;
      n.answeredWithin.forEach((x, i) => (c.answeredWithin[i]! += x));
      n.abandonedWithin.forEach((x, i) => (c.abandonedWithin[i]! += x));
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
  await tx.query(sql, live.map((x) => x.param));
}

export function rollupsPart(d: Delta): Part | null {
  if (!d.rows.length) return null;
  return {
    sql: (n) =>
      `INSERT INTO mon_rollups AS r (region_code, queue_id, interval_start, offered, answered, abandoned, overflow_out, overflow_in, callbacks,
              wait_seconds, max_wait_seconds, talk_seconds, wrap_seconds, answered_within, abandoned_within)
       SELECT region, queue_id, interval_start, offered, answered, abandoned, overflow_out, overflow_in, callbacks,
              wait_seconds, max_wait_seconds, talk_seconds, wrap_seconds, answered_within, abandoned_within
         FROM json_to_recordset($${n}::json) AS x(region text, queue_id bigint, interval_start timestamptz, offered int, answered int, abandoned int,
              overflow_out int, overflow_in int, callbacks int, wait_seconds float8, max_wait_seconds float8, talk_seconds float8, wrap_seconds float8,
              answered_within int[], abandoned_within int[])
       ON CONFLICT (region_code, queue_id, interval_start) DO UPDATE SET
         offered = r.offered + excluded.offered, answered = r.answered + excluded.answered, abandoned = r.abandoned + excluded.abandoned,
         overflow_out = r.overflow_out + excluded.overflow_out, overflow_in = r.overflow_in + excluded.overflow_in,
         callbacks = r.callbacks + excluded.callbacks, wait_seconds = r.wait_seconds + excluded.wait_seconds,
         max_wait_seconds = greatest(r.max_wait_seconds, excluded.max_wait_seconds),
         talk_seconds = r.talk_seconds + excluded.talk_seconds, wrap_seconds = r.wrap_seconds + excluded.wrap_seconds,
         answered_within = ARRAY(SELECT a + b FROM unnest(r.answered_within, excluded.answered_within) WITH ORDINALITY AS t(a, b, i) ORDER BY i),
         abandoned_within = ARRAY(SELECT a + b FROM unnest(r.abandoned_within, excluded.abandoned_within) WITH ORDINALITY AS t(a, b, i) ORDER BY i)`,
    param: JSON.stringify(
          // in one order everywhere, so that concurrent batches never wait on each other in a circle
          [...d.rows].sort((a, b) => rowKey(a.key).localeCompare(rowKey(b.key))).map((r) => ({
            region: r.key.region,
            queue_id: r.key.queueId,
            interval_start: iso(r.key.interval),
            offered: r.counters.offered,
            answered: r.counters.answered,
            abandoned: r.counters.abandoned,
            overflow_out: r.counters.overflowOut,
            overflow_in: r.counters.overflowIn,
            callbacks: r.counters.callbacks,
            wait_seconds: r.counters.waitSeconds,
            max_wait_seconds: r.maxWaitSeconds,
            talk_seconds: r.counters.talkSeconds,
            wrap_seconds: r.counters.wrapSeconds,
            answered_within: r.counters.answeredWithin,
            abandoned_within: r.counters.abandonedWithin,
          })),
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
    param: JSON.stringify([...d.topics].sort((a, b) => `${a.region}|${a.interval}|${a.topic}`.localeCompare(`${b.region}|${b.interval}|${b.topic}`)).map((t) => ({ region: t.region, interval_start: iso(t.interval), topic: t.topic, calls: t.calls }))),
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
