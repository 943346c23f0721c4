// SQL of demo mode's generated history: the plan (mon_demo_history) and the writing of a span of
// the model's calls into the rollup tables, each region in its own local dates.
import type { Queryable } from '../../platform/db/database.ts';
import { COUNTER_COLUMNS, COUNTER_RECORD, COUNTER_UPSERT, countersSql, summedCounters } from './counters.ts';
import { DAY_SWING, INTERVAL_SWING, MONTH_WEIGHTS, QUARTER_SHARES, WEEKDAY, WEEKEND, waveSql, type PlannedMonth, type RegionWeight } from './demo-model.ts';

export interface PlanRow extends PlannedMonth {
  writtenTo: string;
  callsPerDay: number;
  yearEnd: string;
}

export async function readPlan(db: Queryable): Promise<PlanRow[]> {
  const r = await db.query<{ chunk: number; from_date: string; to_date: string; written_to: string; calls_per_day: number; year_end: string }>(
    `SELECT chunk, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date, to_char(written_to, 'YYYY-MM-DD') AS written_to,
            calls_per_day, to_char(year_end, 'YYYY-MM-DD') AS year_end
       FROM mon_demo_history ORDER BY chunk`,
  );
  return r.rows.map((x) => ({ chunk: x.chunk, from: x.from_date, to: x.to_date, writtenTo: x.written_to, callsPerDay: Number(x.calls_per_day), yearEnd: x.year_end }));
}

/** Whether any region has counted calls on a local date before this one (a history of its own). */
export async function hasDaysBefore(db: Queryable, date: string): Promise<boolean> {
  const r = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM mon_daily WHERE local_date < $1::date) AS any', [date]);
  return r.rows[0]!.any;
}

/** The twelve months, once (a plan already there stays). */
export async function insertPlan(db: Queryable, months: PlannedMonth[], callsPerDay: number, yearEnd: string): Promise<void> {
  await db.query(
    `INSERT INTO mon_demo_history (chunk, from_date, to_date, written_to, calls_per_day, year_end)
     SELECT chunk, "from", "to", "from", $2, $3::date FROM json_to_recordset($1::json) AS x(chunk int, "from" date, "to" date)
     ON CONFLICT (chunk) DO NOTHING`,
    [JSON.stringify(months), callsPerDay, yearEnd],
  );
}

/** Claims the step [from, to) of a month: false when another writer moved it first (then write nothing). */
export async function claimStep(tx: Queryable, chunk: number, from: string, to: string): Promise<boolean> {
  const r = await tx.query('UPDATE mon_demo_history SET written_to = $3::date WHERE chunk = $1 AND written_to = $2::date RETURNING chunk', [chunk, from, to]);
  return r.rowCount === 1;
}

// An interval's local time, from its UTC start and the region's offset.
const LOCAL = "(g.t + w.off * interval '1 minute')";
const TOPICS = ['Пенсии', 'Пособия на детей', 'Паспорт', 'Загранпаспорт', 'Налоги', 'Медицина', 'Школа', 'ЖКХ', 'Транспорт', 'Занятость', 'Мобилизация', 'Вакцинация'].map((topic, i) => ({
  topic,
  share: 1 / (i + 2),
}));
const TOPIC_CALLS = 'greatest(1, (d.offered * t.share / 3.1)::int)';

/**
 * The model's calls on each region's local dates [from, to), added to the rollups as the folder
 * adds: intervals (never over one already counted: a real call's interval keeps its own), and
 * their days, months and national days; topics by day and month, and by interval from topicsFrom.
 * Inside the caller's transaction: all of it or none.
 */
export async function writeSpan(tx: Queryable, s: { weights: RegionWeight[]; callsPerDay: number; from: string; to: string; topicsFrom: Date }): Promise<void> {
  const weight = `$2::float8 * w.share
      * (ARRAY[${MONTH_WEIGHTS.join(',')}]::float8[])[extract(month FROM ${LOCAL})::int]
      * (CASE WHEN extract(isodow FROM ${LOCAL}) >= 6 THEN ${WEEKEND} ELSE ${WEEKDAY} END)
      * (1 + ${DAY_SWING} * (2 * ${waveSql(`${LOCAL}::date - DATE '1970-01-01'`)} - 1))
      * (1 + ${INTERVAL_SWING} * (2 * ${waveSql('extract(epoch FROM g.t) / 900 + ascii(w.code) * 7919 + ascii(substr(w.code, 2)) * 104729')} - 1))
      * (ARRAY[${QUARTER_SHARES.map((c) => c.toFixed(8)).join(',')}]::float8[])[extract(hour FROM ${LOCAL})::int + 1]`;
  // Each interval's expected calls, rounded so that a region's running total stays true (the
  // small regions' nights, at a small scale, would otherwise all round to nothing).
  await tx.query(
    `CREATE TEMP TABLE demo_gen ON COMMIT DROP AS
     SELECT code, off, t, o, (o * 0.92)::int AS a FROM (
       SELECT code, off, t, (round(cum) - round(cum - x))::int AS o FROM (
         SELECT code, off, t, x, sum(x) OVER (PARTITION BY code ORDER BY t) AS cum FROM (
           SELECT w.code, w.off, g.t AT TIME ZONE 'UTC' AS t, ${weight} AS x
             FROM json_to_recordset($1::json) AS w(code text, off int, share float8)
             CROSS JOIN LATERAL generate_series($3::timestamp - w.off * interval '1 minute', $4::timestamp - w.off * interval '1 minute' - interval '15 minutes', interval '15 minutes') AS g(t)
         ) v
       ) y
     ) z WHERE o > 0`,
    [JSON.stringify(s.weights), s.callsPerDay, `${s.from}T00:00:00`, `${s.to}T00:00:00`],
  );
  // an interval's counters from its calls offered (o) and answered (a)
  const counters = countersSql({
    offered: 'o',
    answered: 'a',
    abandoned: 'o - a',
    overflowOut: 'o / 40',
    overflowIn: '0',
    callbacks: 'o / 100',
    waitSeconds: 'a * 25.0',
    maxWaitSeconds: '240',
    talkSeconds: 'a * 190.0',
    wrapSeconds: 'a * 30.0',
    answeredWithin: 'ARRAY[a * 0.35, a * 0.45, a * 0.55, a * 0.65, a * 0.75, a * 0.84, a * 0.9, a * 0.94, a * 0.98, a]::int[]',
    abandonedWithin: 'ARRAY[(o - a) * 0.1, (o - a) * 0.2, (o - a) * 0.35, (o - a) * 0.45, (o - a) * 0.55, (o - a) * 0.7]::int[]',
  });
  await tx.query(`CREATE TEMP TABLE demo_days (region_code text, local_date date, ${COUNTER_RECORD}) ON COMMIT DROP`);
  // the days are summed from the intervals actually inserted, so a kept real interval is not counted again
  await tx.query(
    `WITH ins AS (
       INSERT INTO mon_rollups (region_code, queue_id, interval_start, ${COUNTER_COLUMNS})
       SELECT code, 1, t, ${counters} FROM demo_gen ORDER BY t, code
       ON CONFLICT DO NOTHING RETURNING region_code, interval_start, ${COUNTER_COLUMNS})
     INSERT INTO demo_days
     SELECT i.region_code, ((i.interval_start AT TIME ZONE 'UTC') + w.off * interval '1 minute')::date, ${summedCounters()}
       FROM ins i JOIN (SELECT DISTINCT code, off FROM demo_gen) w ON w.code = i.region_code GROUP BY 1, 2`,
  );
  await tx.query(
    `INSERT INTO mon_daily AS r (region_code, local_date, ${COUNTER_COLUMNS}) SELECT region_code, local_date, ${COUNTER_COLUMNS} FROM demo_days ORDER BY local_date, region_code
     ON CONFLICT (region_code, local_date) DO UPDATE SET ${COUNTER_UPSERT}`,
  );
  await tx.query(
    `INSERT INTO mon_monthly AS r (region_code, month, ${COUNTER_COLUMNS})
     SELECT region_code, date_trunc('month', local_date)::date, ${summedCounters()} FROM demo_days GROUP BY 1, 2 ORDER BY 2, 1
     ON CONFLICT (region_code, month) DO UPDATE SET ${COUNTER_UPSERT}`,
  );
  await tx.query(
    `INSERT INTO mon_national_daily AS r (local_date, ${COUNTER_COLUMNS}) SELECT local_date, ${summedCounters()} FROM demo_days GROUP BY 1 ORDER BY 1
     ON CONFLICT (local_date) DO UPDATE SET ${COUNTER_UPSERT}`,
  );
  const topics = JSON.stringify(TOPICS);
  await tx.query(
    `INSERT INTO mon_topic_daily AS r (region_code, local_date, topic, calls)
     SELECT d.region_code, d.local_date, t.topic, ${TOPIC_CALLS} FROM demo_days d CROSS JOIN json_to_recordset($1::json) AS t(topic text, share float8)
      ORDER BY d.local_date, d.region_code
     ON CONFLICT (region_code, local_date, topic) DO UPDATE SET calls = r.calls + excluded.calls`,
    [topics],
  );
  await tx.query(
    `INSERT INTO mon_topic_monthly AS r (region_code, month, topic, calls)
     SELECT d.region_code, date_trunc('month', d.local_date)::date, t.topic, sum(${TOPIC_CALLS}) FROM demo_days d CROSS JOIN json_to_recordset($1::json) AS t(topic text, share float8)
      GROUP BY 1, 2, 3 ORDER BY 2, 1, 3
     ON CONFLICT (region_code, month, topic) DO UPDATE SET calls = r.calls + excluded.calls`,
    [topics],
  );
  await tx.query(
    `INSERT INTO mon_topic_rollups (region_code, interval_start, topic, calls)
     SELECT g.code, g.t, t.topic, greatest(1, (g.o * t.share / 3.1)::int) FROM demo_gen g CROSS JOIN json_to_recordset($1::json) AS t(topic text, share float8)
      WHERE g.t >= $2 ORDER BY g.t, g.code
     ON CONFLICT DO NOTHING`,
    [topics, s.topicsFrom],
  );
}
