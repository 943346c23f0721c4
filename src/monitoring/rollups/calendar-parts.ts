// The upserts of the calendar rollups (per region and local day or local month, and per local date
// over all regions): counters added to what is there, the largest wait kept, the "within" buckets
// added position by position.
import { ABANDON_BUCKETS, WAIT_BUCKETS, type Counters } from './contribution.ts';
import type { Part } from './store.ts';

export interface CalendarRow {
  /** Absent in the national table. */
  region?: string;
  /** The local date, or the first day of the local month. */
  key: string;
  c: Counters;
  maxWait: number;
}

export interface CalendarTopic {
  region: string;
  key: string;
  topic: string;
  calls: number;
}

/** The counters of rows summed (for INSERT … SELECT of coarser rows from daily ones), in column order. */
export const SUMMED_COUNTERS = [
  'sum(offered), sum(answered), sum(abandoned), sum(overflow_out), sum(overflow_in), sum(callbacks)',
  'sum(wait_seconds), max(max_wait_seconds), sum(talk_seconds), sum(wrap_seconds)',
  `ARRAY[${WAIT_BUCKETS.map((_, i) => `sum(answered_within[${i + 1}])`).join(', ')}]::int[]`,
  `ARRAY[${ABANDON_BUCKETS.map((_, i) => `sum(abandoned_within[${i + 1}])`).join(', ')}]::int[]`,
].join(', ');

type Table = 'mon_daily' | 'mon_monthly' | 'mon_national_daily';
type TopicTable = 'mon_topic_daily' | 'mon_topic_monthly';
type Key = 'local_date' | 'month';

export function calendarCountersPart(table: Table, key: Key, rows: CalendarRow[]): Part | null {
  if (!rows.length) return null;
  const regional = table !== 'mon_national_daily';
  return {
    sql: (n) =>
      `INSERT INTO ${table} AS r (${regional ? 'region_code, ' : ''}${key}, offered, answered, abandoned, overflow_out, overflow_in, callbacks,
              wait_seconds, max_wait_seconds, talk_seconds, wrap_seconds, answered_within, abandoned_within)
       SELECT ${regional ? 'region, ' : ''}k, offered, answered, abandoned, overflow_out, overflow_in, callbacks, wait_seconds, max_wait_seconds, talk_seconds, wrap_seconds, answered_within, abandoned_within
         FROM json_to_recordset($${n}::json) AS x(region text, k date, offered int, answered int, abandoned int, overflow_out int, overflow_in int, callbacks int,
              wait_seconds float8, max_wait_seconds float8, talk_seconds float8, wrap_seconds float8, answered_within int[], abandoned_within int[])
       ON CONFLICT (${regional ? 'region_code, ' : ''}${key}) DO UPDATE SET
         offered = r.offered + excluded.offered, answered = r.answered + excluded.answered, abandoned = r.abandoned + excluded.abandoned,
         overflow_out = r.overflow_out + excluded.overflow_out, overflow_in = r.overflow_in + excluded.overflow_in, callbacks = r.callbacks + excluded.callbacks,
         wait_seconds = r.wait_seconds + excluded.wait_seconds, max_wait_seconds = greatest(r.max_wait_seconds, excluded.max_wait_seconds),
         talk_seconds = r.talk_seconds + excluded.talk_seconds, wrap_seconds = r.wrap_seconds + excluded.wrap_seconds,
         answered_within = ARRAY(SELECT a + b FROM unnest(r.answered_within, excluded.answered_within) WITH ORDINALITY AS t(a, b, i) ORDER BY i),
         abandoned_within = ARRAY(SELECT a + b FROM unnest(r.abandoned_within, excluded.abandoned_within) WITH ORDINALITY AS t(a, b, i) ORDER BY i)`,
    param: JSON.stringify(
      rows.map((x) => ({
        region: x.region,
        k: x.key,
        offered: x.c.offered,
        answered: x.c.answered,
        abandoned: x.c.abandoned,
        overflow_out: x.c.overflowOut,
        overflow_in: x.c.overflowIn,
        callbacks: x.c.callbacks,
        wait_seconds: x.c.waitSeconds,
        max_wait_seconds: x.maxWait,
        talk_seconds: x.c.talkSeconds,
        wrap_seconds: x.c.wrapSeconds,
        answered_within: x.c.answeredWithin,
        abandoned_within: x.c.abandonedWithin,
      })),
    ),
  };
}

export function calendarTopicsPart(table: TopicTable, key: Key, topics: CalendarTopic[]): Part | null {
  if (!topics.length) return null;
  return {
    sql: (n) =>
      `INSERT INTO ${table} AS r (region_code, ${key}, topic, calls)
       SELECT region, k, topic, calls FROM json_to_recordset($${n}::json) AS x(region text, k date, topic text, calls int)
       ON CONFLICT (region_code, ${key}, topic) DO UPDATE SET calls = r.calls + excluded.calls`,
    param: JSON.stringify(topics.map((t) => ({ region: t.region, k: t.key, topic: t.topic, calls: t.calls }))),
  };
}
