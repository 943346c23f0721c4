// Reading the daily rollups for reports: sums per period (day, week, month, year), optionally per
// region, with "answered within T" and short abandons taken at each region's own thresholds.
import type { Queryable } from '../../platform/db/database.ts';
import { COUNTER_COLUMNS, scalarsOf, scalarsSql, type Scalars } from '../rollups/counters.ts';

export type Period = 'day' | 'week' | 'month' | 'year';

export interface Thresholds {
  region: string;
  /** 1-based positions in answered_within / abandoned_within (0: none). */
  within: number;
  short: number;
}

/** The counters of a period, with "answered within T" and short abandons at each region's thresholds. */
export interface PeriodSums extends Scalars {
  period: string;
  region: string | null;
  shortAbandoned: number;
  answeredInTime: number;
}

// Grouped by the date itself (cheap), the label made once per group (to_char per row was not).
const PERIOD_KEY: Record<Period, string> = {
  day: 'd.local_date',
  week: "date_trunc('week', d.local_date)",
  month: "date_trunc('month', d.local_date)",
  year: "date_trunc('year', d.local_date)",
};
const PERIOD_LABEL: Record<Period, string> = {
  day: "to_char(s.k, 'YYYY-MM-DD')",
  week: `to_char(s.k, 'IYYY-"W"IW')`,
  month: "to_char(s.k, 'YYYY-MM')",
  year: "to_char(s.k, 'YYYY')",
};

const COLUMNS = `region_code, ${COUNTER_COLUMNS}`;

/** The whole months inside [from, to] (local dates, inclusive): from `first` (a 1st) up to the day before `after`. */
export function wholeMonths(from: string, to: string): { first: string; after: string } | null {
  const first = from.endsWith('-01') ? from : nextMonth(from);
  const after = nextMonth(to);
  // `to` ends its month when the next day is a 1st
  const end = new Date(Date.parse(to) + 86_400_000).toISOString().slice(8, 10) === '01' ? after : `${to.slice(0, 7)}-01`;
  return first < end ? { first, after: end } : null;
}
const nextMonth = (date: string) => {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The rows of [from, to] as a relation with a local_date column: the month rows (dated the 1st) for
 * the whole months inside it and the day rows for the rest — for sums by month or coarser.
 * Parameters $1 from, $2 to, $3 regions; the months' bounds are inlined (dates made here).
 */
function calendarSource(f: { from: string; to: string }, table: { days: string; months: string; columns: string }, months: boolean): string {
  const regions = '($3::text[] IS NULL OR region_code = ANY($3::text[]))';
  const whole = months ? wholeMonths(f.from, f.to) : null;
  if (!whole) return `(SELECT local_date, ${table.columns} FROM ${table.days} WHERE local_date >= $1::date AND local_date <= $2::date AND ${regions})`;
  return `(SELECT month AS local_date, ${table.columns} FROM ${table.months} WHERE month >= '${whole.first}'::date AND month < '${whole.after}'::date AND ${regions}
           UNION ALL
           SELECT local_date, ${table.columns} FROM ${table.days}
            WHERE ((local_date >= $1::date AND local_date < '${whole.first}'::date) OR (local_date >= '${whole.after}'::date AND local_date <= $2::date)) AND ${regions})`;
}

// every region's days of a date summed (the answered-within buckets too, so one threshold for all)
const NATIONAL_DAYS = `(SELECT local_date, ${COUNTER_COLUMNS} FROM mon_national_daily
                        WHERE local_date >= $1::date AND local_date <= $2::date AND $3::text[] IS NULL)`;

/** Sums over local dates [from, to] (inclusive), per period, and per region when asked. */
export async function sumsByPeriod(db: Queryable, f: { from: string; to: string; period: Period; byRegion: boolean; regions?: string[]; thresholds: Thresholds[] }): Promise<PeriodSums[]> {
  const group = f.byRegion ? ', d.region_code' : '';
  // Usually every region follows the federal thresholds: then they are constants and no join is needed.
  const first = f.thresholds[0];
  const uniform = first && f.thresholds.every((t) => t.within === first.within && t.short === first.short);
  const pick = (column: string, field: 'within' | 'short') =>
    uniform ? (first[field] > 0 ? `d.${column}[${first[field]}]` : '0') : `CASE WHEN t.${field} > 0 THEN d.${column}[t.${field}] ELSE 0 END`;
  const join = uniform ? '' : 'JOIN json_to_recordset($4::json) AS t(region text, within int, short int) ON t.region = d.region_code';
  // All regions by day or week at one threshold: a row a date from the national table.
  const national = !f.byRegion && !f.regions && uniform && (f.period === 'day' || f.period === 'week');
  // By day and region each group is one daily row (by month and region one monthly row, when the
  // span is whole months): no grouping then, only the row's own values.
  const whole = wholeMonths(f.from, f.to);
  const onlyMonths = whole !== null && whole.first === f.from && whole.after === nextMonth(f.to);
  const single = f.byRegion && (f.period === 'day' || (f.period === 'month' && onlyMonths));
  const agg = (expr: string, fn = 'sum') => (single ? expr : `${fn}(${expr})${fn === 'sum' ? '::bigint' : ''}`);
  const real = (expr: string) => (single ? expr : `sum(${expr})`);
  const r = await db.query<Record<string, string | number | null>>(
    `SELECT ${PERIOD_LABEL[f.period]} AS period, s.* FROM (
       SELECT ${PERIOD_KEY[f.period]} AS k ${f.byRegion ? ', d.region_code AS region' : ', NULL AS region'},
              ${scalarsSql((column, add) => (add === 'count' ? agg(`d.${column}`) : add === 'max' ? agg(`d.${column}`, 'max') : real(`d.${column}`)))},
              ${agg(pick('abandoned_within', 'short'))} AS short_abandoned,
              ${agg(pick('answered_within', 'within'))} AS answered_in_time
         FROM ${national ? NATIONAL_DAYS : calendarSource(f, { days: 'mon_daily', months: 'mon_monthly', columns: COLUMNS }, f.period === 'month' || f.period === 'year')} d ${join}
        ${single ? '' : `GROUP BY 1 ${group}`}) s
      ORDER BY s.k ${f.byRegion ? ', s.region' : ''}`,
    [f.from, f.to, f.regions ?? null, ...(uniform ? [] : [JSON.stringify(f.thresholds)])],
  );
  const n = (v: string | number | null | undefined) => Number(v ?? 0);
  return r.rows.map((x) => ({
    period: String(x.period),
    region: (x.region as string | null) ?? null,
    ...scalarsOf(x),
    shortAbandoned: n(x.short_abandoned),
    answeredInTime: n(x.answered_in_time),
  }));
}

export async function topicsBetween(db: Queryable, f: { from: string; to: string; regions?: string[]; limit: number }): Promise<{ topic: string; calls: number }[]> {
  const r = await db.query<{ topic: string; calls: string }>(
    `SELECT topic, sum(calls)::bigint AS calls FROM ${calendarSource(f, { days: 'mon_topic_daily', months: 'mon_topic_monthly', columns: 'region_code, topic, calls' }, true)} d
      GROUP BY topic HAVING sum(calls) > 0 ORDER BY sum(calls) DESC, topic LIMIT $4`,
    [f.from, f.to, f.regions ?? null, f.limit],
  );
  return r.rows.map((x) => ({ topic: x.topic, calls: Number(x.calls) }));
}

/** The day with the most calls in [from, to] (every region's own day summed), or null without calls. */
export async function peakDay(db: Queryable, f: { from: string; to: string; regions?: string[] }): Promise<{ day: string; calls: number } | null> {
  const r = await db.query<{ day: string; calls: string }>(
    `SELECT to_char(local_date, 'YYYY-MM-DD') AS day, sum(offered)::bigint AS calls FROM ${f.regions ? 'mon_daily' : 'mon_national_daily'}
      WHERE local_date >= $1::date AND local_date <= $2::date AND ${f.regions ? 'region_code = ANY($3::text[])' : '$3::text[] IS NULL'}
      GROUP BY local_date HAVING sum(offered) > 0 ORDER BY sum(offered) DESC, local_date LIMIT 1`,
    [f.from, f.to, f.regions ?? null],
  );
  const x = r.rows[0];
  return x ? { day: x.day, calls: Number(x.calls) } : null;
}

/** Every call ever offered (the service's running total) and the first day with calls. */
export async function sinceLaunch(db: Queryable): Promise<{ calls: number; first: string | null }> {
  // from the months (a row a month, whatever the years), the first day from the first month's days
  const r = await db.query<{ calls: string | null; first: string | null }>(
    `WITH m AS (SELECT sum(offered)::bigint AS calls, min(month) FILTER (WHERE offered > 0) AS first FROM mon_monthly)
     SELECT m.calls, (SELECT to_char(min(local_date), 'YYYY-MM-DD') FROM mon_daily WHERE local_date >= m.first AND local_date < m.first + interval '1 month' AND offered > 0) AS first FROM m`,
  );
  return { calls: Number(r.rows[0]?.calls ?? 0), first: r.rows[0]?.first ?? null };
}
