// Reading the rollups: counters summed per region (or per region and interval) over a span.
import type { Queryable } from '../../platform/db/database.ts';
import { emptyTotals, type Totals } from '../metrics.ts';
import { countersOf, summedCounters } from './counters.ts';

const SUMS = summedCounters(true);

type SumRow = Record<string, unknown>;

/** Per region, over intervals starting in [from, to). */
export async function totalsByRegion(db: Queryable, from: Date, to: Date, regions?: string[]): Promise<Map<string, Totals>> {
  const r = await db.query<SumRow & { region_code: string }>(
    `SELECT region_code, ${SUMS} FROM mon_rollups
      WHERE interval_start >= $1 AND interval_start < $2 AND ($3::text[] IS NULL OR region_code = ANY($3::text[]))
      GROUP BY region_code`,
    [from, to, regions ?? null],
  );
  return new Map(r.rows.map((row) => [row.region_code, countersOf(row)]));
}

/** Per region, its daily row for one local date each (e.g. each region's today): a row per region. */
export async function totalsOnDates(db: Queryable, days: { region: string; date: string }[]): Promise<Map<string, Totals>> {
  const out = new Map(days.map((d) => [d.region, emptyTotals()]));
  if (!days.length) return out;
  // (one row per group: the sums are the row itself, in the shape countersOf reads)
  const r = await db.query<SumRow & { region_code: string }>(
    `SELECT region_code, ${SUMS} FROM json_to_recordset($1::json) AS x(region text, date date) JOIN mon_daily d ON d.region_code = x.region AND d.local_date = x.date
      GROUP BY region_code`,
    [JSON.stringify(days)],
  );
  for (const row of r.rows) out.set(row.region_code, countersOf(row));
  return out;
}

/** Per interval (all regions, or these), over [from, to). */
export async function totalsByInterval(db: Queryable, from: Date, to: Date, regions?: string[]): Promise<{ interval: Date; totals: Totals }[]> {
  const r = await db.query<SumRow & { interval_start: Date }>(
    `SELECT interval_start, ${SUMS} FROM mon_rollups
      WHERE interval_start >= $1 AND interval_start < $2 AND ($3::text[] IS NULL OR region_code = ANY($3::text[]))
      GROUP BY interval_start ORDER BY interval_start`,
    [from, to, regions ?? null],
  );
  return r.rows.map((row) => ({ interval: row.interval_start, totals: countersOf(row) }));
}

/** Per interval and region (all regions, or these), over [from, to): each region's counters apart, to be judged by its own norms. */
export async function totalsByIntervalAndRegion(db: Queryable, from: Date, to: Date, regions?: string[]): Promise<{ interval: Date; region: string; totals: Totals }[]> {
  const r = await db.query<SumRow & { interval_start: Date; region_code: string }>(
    `SELECT interval_start, region_code, ${SUMS} FROM mon_rollups
      WHERE interval_start >= $1 AND interval_start < $2 AND ($3::text[] IS NULL OR region_code = ANY($3::text[]))
      GROUP BY interval_start, region_code`,
    [from, to, regions ?? null],
  );
  return r.rows.map((row) => ({ interval: row.interval_start, region: row.region_code, totals: countersOf(row) }));
}

/** Calls per topic over [from, to), most first. */
export async function topTopics(db: Queryable, from: Date, to: Date, limit: number, regions?: string[]): Promise<{ topic: string; calls: number }[]> {
  const r = await db.query<{ topic: string; calls: string }>(
    `SELECT topic, sum(calls)::bigint AS calls FROM mon_topic_rollups
      WHERE interval_start >= $1 AND interval_start < $2 AND ($3::text[] IS NULL OR region_code = ANY($3::text[]))
      GROUP BY topic HAVING sum(calls) > 0 ORDER BY sum(calls) DESC, topic LIMIT $4`,
    [from, to, regions ?? null, limit],
  );
  return r.rows.map((x) => ({ topic: x.topic, calls: Number(x.calls) }));
}

/** Operators' seconds per state, per region, over [from, to). */
export async function agentSecondsByRegion(db: Queryable, from: Date, to: Date): Promise<Map<string, Record<string, number>>> {
  const r = await db.query<{ region_code: string; state: string; seconds: number }>(
    'SELECT region_code, state, sum(seconds) AS seconds FROM mon_agent_time WHERE interval_start >= $1 AND interval_start < $2 GROUP BY region_code, state',
    [from, to],
  );
  const out = new Map<string, Record<string, number>>();
  for (const x of r.rows) (out.get(x.region_code) ?? out.set(x.region_code, {}).get(x.region_code)!)[x.state] = Number(x.seconds);
  return out;
}
