// A year of the national service as rollups, for bench:dashboard (and anyone timing the reports by
// hand against it): about 59 million calls, February the peak month, each region's calls by its
// population and its own time of day; and, for the baseline, one month of it as raw call rows.
import { COUNTER_COLUMNS, countersSql, summedCounters } from '../src/monitoring/index.ts';
import { resumMonths } from '../src/monitoring/rollups/monthly.ts';
import { resumNationalDays } from '../src/monitoring/rollups/national.ts';
import type { Db } from '../src/platform/db/database.ts';
import { demoRegionsFile, readRegionsFile, utcOffsetMinutes } from '../src/regions/index.ts';

export const YEAR = 2025;
const CALLS_PER_YEAR = 59_000_000;
/** The raw-rows baseline: one month (January) at this share of its real size (1 = about 4 million rows). */
export const RAW_SCALE = Number(process.env.BENCH_RAW_SCALE ?? 0.25);
// Month weights: February about twice an ordinary month.
const MONTHS = [1.0, 2.0, 1.2, 1.0, 0.9, 0.8, 0.75, 0.8, 1.0, 1.05, 1.1, 1.2];

/** Calls per year → rows: every region, every 15 minutes, shaped by month, weekday and local hour. */
export async function generate(db: Db): Promise<void> {
  const regions = readRegionsFile(demoRegionsFile);
  const population = regions.reduce((s, r) => s + r.population, 0);
  const monthSum = MONTHS.reduce((a, b) => a + b * 30.4, 0);
  const perDay = CALLS_PER_YEAR / monthSum; // calls on an ordinary day of weight 1
  // Russia keeps no summer time: each region's offset is fixed, and local time is UTC plus it (cheap in SQL).
  const weights = JSON.stringify(regions.map((r) => ({ code: r.code, off: utcOffsetMinutes(r.timezone), share: r.population / population })));
  const months = `ARRAY[${MONTHS.join(',')}]::float8[]`;
  // local hour curve: quiet at night, a morning peak at 10–12, a smaller one after lunch
  const curve = [0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.8, 0.8, 1.9, 1.9, 1.9, 1.9, 1.3, 1.6, 1.6, 1.6, 1.6, 0.8, 0.8, 0.8, 0.3, 0.3, 0.3];
  const curveSum = curve.reduce((a, b) => a + b, 0);
  const hour = `(ARRAY[${curve.map((c) => (c / curveSum / 4).toFixed(6)).join(',')}]::float8[])[extract(hour FROM g.t + w.off * interval '1 minute')::int + 1]`;
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
  await db.query(
    `INSERT INTO mon_rollups (region_code, queue_id, interval_start, ${COUNTER_COLUMNS})
     SELECT code, 1, t, ${counters}
       FROM (
         SELECT code, t, o, (o * 0.92)::int AS a FROM (
           SELECT w.code, g.t AT TIME ZONE 'UTC' AS t,
                  round($2::float8 * w.share * (${months})[extract(month FROM g.t + w.off * interval '1 minute')::int]
                        * (CASE WHEN extract(isodow FROM g.t + w.off * interval '1 minute') >= 6 THEN 0.55 ELSE 1.15 END)
                        * ${hour})::int AS o
             FROM json_to_recordset($1::json) AS w(code text, off int, share float8)
             CROSS JOIN generate_series($3::timestamp, $4::timestamp - interval '15 minutes', interval '15 minutes') AS g(t)
         ) x
       ) y
      -- in time order, as the folder writes them: an interval's or a day's rows lie together, as in production
      ORDER BY t, code`,
    [weights, perDay, `${YEAR}-01-01T00:00:00`, `${YEAR + 1}-01-01T00:00:00`],
  );
  await db.query(
    `INSERT INTO mon_daily (region_code, local_date, ${COUNTER_COLUMNS})
     SELECT m.region_code, ((m.interval_start AT TIME ZONE 'UTC') + w.off * interval '1 minute')::date, ${summedCounters()}
       FROM mon_rollups m JOIN json_to_recordset($1::json) AS w(code text, off int) ON w.code = m.region_code
      GROUP BY 1, 2 ORDER BY 2, 1`,
    [weights],
  );
  const topics = JSON.stringify(
    ['Пенсии', 'Пособия на детей', 'Паспорт', 'Загранпаспорт', 'Налоги', 'Медицина', 'Школа', 'ЖКХ', 'Транспорт', 'Занятость', 'Мобилизация', 'Вакцинация'].map((t, i) => ({
      topic: t,
      share: 1 / (i + 2),
    })),
  );
  await db.query(
    `INSERT INTO mon_topic_daily (region_code, local_date, topic, calls)
     SELECT d.region_code, d.local_date, t.topic, greatest(1, (d.offered * t.share / 3.1)::int) FROM mon_daily d CROSS JOIN json_to_recordset($1::json) AS t(topic text, share float8)
      ORDER BY d.local_date, d.region_code`,
    [topics],
  );
  await db.query(
    `INSERT INTO mon_topic_rollups (region_code, interval_start, topic, calls)
     SELECT m.region_code, m.interval_start, t.topic, greatest(1, (m.offered * t.share / 3.1)::int) FROM mon_rollups m CROSS JOIN json_to_recordset($1::json) AS t(topic text, share float8)
      WHERE m.interval_start >= $2::timestamptz - interval '2 days' ORDER BY m.interval_start, m.region_code`,
    [topics, `${YEAR + 1}-01-01T00:00:00Z`],
  );
  // the months and the national days, as the folder keeps them: summed from the days
  const monthRows = await db.query<{ region: string; date: string }>("SELECT DISTINCT region_code AS region, to_char(date_trunc('month', local_date), 'YYYY-MM-DD') AS date FROM mon_daily");
  await resumMonths(db, monthRows.rows);
  const dates = await db.query<{ date: string }>("SELECT DISTINCT to_char(local_date, 'YYYY-MM-DD') AS date FROM mon_daily");
  await resumNationalDays(db, dates.rows);
  // A year of history in production has long been vacuumed: do it now, or the server's autovacuum
  // of three million fresh rows runs in the middle of the timings.
  for (const t of ['mon_rollups', 'mon_daily', 'mon_topic_daily', 'mon_topic_rollups', 'mon_monthly', 'mon_topic_monthly', 'mon_national_daily']) await db.exec(`VACUUM (ANALYZE) ${t}`);
}

/** The baseline's raw rows: January's calls, one row each, as a call table would hold them. */
export async function rawMonth(db: Db): Promise<number> {
  await db.exec('CREATE TABLE bench_calls (region_code text, offered_at timestamptz, answered_at timestamptz, ended_at timestamptz, state text)');
  await db.query(
    `INSERT INTO bench_calls
     SELECT m.region_code, m.interval_start + (i * interval '1 second' * 900 / greatest(m.offered, 1)),
            CASE WHEN i % 13 <> 0 THEN m.interval_start + (i * interval '1 second' * 900 / greatest(m.offered, 1)) + ((i * 7) % 90) * interval '1 second' END,
            m.interval_start + (i * interval '1 second' * 900 / greatest(m.offered, 1)) + interval '4 minutes',
            CASE WHEN i % 13 <> 0 THEN 'ended' ELSE 'abandoned' END
       FROM mon_rollups m CROSS JOIN LATERAL generate_series(1, greatest(1, (m.offered * $3::float8)::int)) AS i
      WHERE m.interval_start >= $1 AND m.interval_start < $2`,
    [`${YEAR}-01-01T00:00:00Z`, `${YEAR}-02-01T00:00:00Z`, RAW_SCALE],
  );
  await db.exec('CREATE INDEX ON bench_calls (offered_at); ANALYZE bench_calls');
  return Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM bench_calls')).rows[0]!.n);
}
