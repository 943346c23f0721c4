// The rollups per local date over all regions (each region's own day, as national "today" is): the
// daily changes of a write added up by date, a date's largest wait read again from its regions'
// days, and whole dates summed again after a rebuild. National reports by day read a row a day.
import type { Queryable } from '../../platform/db/database.ts';
import { addTotals } from '../metrics.ts';
import type { CalendarRow } from './calendar-parts.ts';
import { COUNTER_COLUMNS, summedCounters, type Counters } from './counters.ts';

export function byNationalDay(days: { date: string; c: Counters; maxWait: number }[]): CalendarRow[] {
  const rows = new Map<string, CalendarRow>();
  for (const d of days) {
    const cur = rows.get(d.date);
    rows.set(d.date, cur ? { ...cur, c: addTotals(cur.c, d.c), maxWait: Math.max(cur.maxWait, d.maxWait) } : { key: d.date, c: d.c, maxWait: d.maxWait });
  }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
}

const datesOf = (days: { date: string }[]) => [...new Set(days.map((d) => d.date))].sort();

/** These dates take the largest wait of their regions' days again (a wait shrank or left). */
export async function recomputeNationalMax(tx: Queryable, days: { date: string }[]): Promise<void> {
  if (!days.length) return;
  await tx.query(
    `UPDATE mon_national_daily n SET max_wait_seconds = (SELECT coalesce(max(d.max_wait_seconds), 0) FROM mon_daily d WHERE d.local_date = n.local_date)
      WHERE n.local_date = ANY($1::date[])`,
    [datesOf(days)],
  );
}

/** These dates summed again from their regions' days (after a rebuild replaced the days). */
export async function resumNationalDays(tx: Queryable, days: { date: string }[]): Promise<void> {
  if (!days.length) return;
  const dates = datesOf(days);
  await tx.query('DELETE FROM mon_national_daily WHERE local_date = ANY($1::date[])', [dates]);
  await tx.query(
    `INSERT INTO mon_national_daily (local_date, ${COUNTER_COLUMNS})
     SELECT local_date, ${summedCounters()}
       FROM mon_daily WHERE local_date = ANY($1::date[]) GROUP BY local_date`,
    [dates],
  );
}
