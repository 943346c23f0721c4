// The rollups per region and local month: the daily changes of a write added up by month, the
// month's largest wait read again from its days, and whole months summed again after a rebuild.
import type { Queryable } from '../../platform/db/database.ts';
import { addTotals } from '../metrics.ts';
import type { CalendarRow, CalendarTopic } from './calendar-parts.ts';
import { COUNTER_COLUMNS, summedCounters, type Counters } from './counters.ts';

/** 2026-11-28 → 2026-11-01 */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

/** Days' changes (already in each region's local calendar) added up per month. */
export function byLocalMonth(
  days: { region: string; date: string; c: Counters; maxWait: number }[],
  topics: { region: string; date: string; topic: string; calls: number }[],
): { days: CalendarRow[]; topics: CalendarTopic[] } {
  const rows = new Map<string, CalendarRow>();
  for (const d of days) {
    const key = monthOf(d.date);
    const k = `${d.region}|${key}`;
    const cur = rows.get(k);
    if (cur) rows.set(k, { ...cur, c: addTotals(cur.c, d.c), maxWait: Math.max(cur.maxWait, d.maxWait) });
    else rows.set(k, { region: d.region, key, c: d.c, maxWait: d.maxWait });
  }
  const byTopic = new Map<string, CalendarTopic>();
  for (const t of topics) {
    const key = monthOf(t.date);
    const k = `${t.region}|${key}|${t.topic}`;
    const cur = byTopic.get(k);
    if (cur) cur.calls += t.calls;
    else byTopic.set(k, { region: t.region, key, topic: t.topic, calls: t.calls });
  }
  // in one order everywhere, so that concurrent writers never wait on each other in a circle
  const order = (a: { region?: string; key: string }, b: { region?: string; key: string }) => `${a.region}|${a.key}`.localeCompare(`${b.region}|${b.key}`);
  return { days: [...rows.values()].sort(order), topics: [...byTopic.values()].sort((a, b) => order(a, b) || a.topic.localeCompare(b.topic)) };
}

const pairsOf = (days: { region: string; date: string }[]) => {
  const seen = new Map<string, { region: string; month: string }>();
  for (const d of days) seen.set(`${d.region}|${monthOf(d.date)}`, { region: d.region, month: monthOf(d.date) });
  return JSON.stringify([...seen.values()]);
};

/** The months of these days take the largest wait of their days again (a wait shrank or left). */
export async function recomputeMonthlyMax(tx: Queryable, days: { region: string; date: string }[]): Promise<void> {
  if (!days.length) return;
  await tx.query(
    `UPDATE mon_monthly m SET max_wait_seconds = (SELECT coalesce(max(d.max_wait_seconds), 0) FROM mon_daily d
             WHERE d.region_code = m.region_code AND d.local_date >= m.month AND d.local_date < m.month + interval '1 month')
       FROM json_to_recordset($1::json) AS x(region text, month date)
      WHERE m.region_code = x.region AND m.month = x.month`,
    [pairsOf(days)],
  );
}

/** The months of these days summed again from their days (after a rebuild replaced the days). */
export async function resumMonths(tx: Queryable, days: { region: string; date: string }[]): Promise<void> {
  if (!days.length) return;
  const pairs = pairsOf(days);
  await tx.query('DELETE FROM mon_monthly m USING json_to_recordset($1::json) AS x(region text, month date) WHERE m.region_code = x.region AND m.month = x.month', [pairs]);
  await tx.query('DELETE FROM mon_topic_monthly m USING json_to_recordset($1::json) AS x(region text, month date) WHERE m.region_code = x.region AND m.month = x.month', [pairs]);
  await tx.query(
    `INSERT INTO mon_monthly (region_code, month, ${COUNTER_COLUMNS})
     SELECT x.region, x.month, ${summedCounters()}
       FROM json_to_recordset($1::json) AS x(region text, month date)
       JOIN mon_daily d ON d.region_code = x.region AND d.local_date >= x.month AND d.local_date < x.month + interval '1 month'
      GROUP BY x.region, x.month`,
    [pairs],
  );
  await tx.query(
    `INSERT INTO mon_topic_monthly (region_code, month, topic, calls)
     SELECT x.region, x.month, d.topic, sum(d.calls)
       FROM json_to_recordset($1::json) AS x(region text, month date)
       JOIN mon_topic_daily d ON d.region_code = x.region AND d.local_date >= x.month AND d.local_date < x.month + interval '1 month'
      GROUP BY x.region, x.month, d.topic`,
    [pairs],
  );
}
