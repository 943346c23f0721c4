// The upserts of the calendar rollups (per region and local day or local month, and per local date
// over all regions): counters added to what is there as counters.ts says each adds.
import { COUNTER_COLUMNS, COUNTER_RECORD, COUNTER_UPSERT, counterValues, type Counters } from './counters.ts';
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

type Table = 'mon_daily' | 'mon_monthly' | 'mon_national_daily';
type TopicTable = 'mon_topic_daily' | 'mon_topic_monthly';
type Key = 'local_date' | 'month';

export function calendarCountersPart(table: Table, key: Key, rows: CalendarRow[]): Part | null {
  if (!rows.length) return null;
  const regional = table !== 'mon_national_daily';
  return {
    sql: (n) =>
      `INSERT INTO ${table} AS r (${regional ? 'region_code, ' : ''}${key}, ${COUNTER_COLUMNS})
       SELECT ${regional ? 'region, ' : ''}k, ${COUNTER_COLUMNS}
         FROM json_to_recordset($${n}::json) AS x(region text, k date, ${COUNTER_RECORD})
       ON CONFLICT (${regional ? 'region_code, ' : ''}${key}) DO UPDATE SET ${COUNTER_UPSERT}`,
    param: JSON.stringify(rows.map((x) => ({ region: x.region, k: x.key, ...counterValues(x.c, x.maxWait) }))),
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
