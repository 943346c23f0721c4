// A year of the national service as rollups, for bench:dashboard (and anyone timing the reports by
// hand against it): the monitoring module's model of the service's year (src/monitoring/rollups/
// demo-model.ts, demo mode's history too); and, for the baseline, one month of it as raw call rows.
import { writeModelHistory, YEAR_CALLS } from '../src/monitoring/index.ts';
import type { Db } from '../src/platform/db/database.ts';

export const YEAR = 2025;
/** The raw-rows baseline: one month (January) at this share of its real size (1 = about 4 million rows). */
export const RAW_SCALE = Number(process.env.BENCH_RAW_SCALE ?? 0.25);

/** The calendar year YEAR from the monitoring module's model (the one demo mode's history is made from). */
export async function generate(db: Db): Promise<void> {
  await writeModelHistory(db, { from: `${YEAR}-01-01`, to: `${YEAR + 1}-01-01`, calls: YEAR_CALLS });
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
