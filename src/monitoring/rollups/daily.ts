// The rollups per region and local day: the interval deltas of a transaction, added up by the
// region's own calendar date (and, from those, its month). Reports read these instead of interval rows.
import type { Queryable } from '../../platform/db/database.ts';
import { regionTimeZones } from '../../regions/index.ts';
import { localDay } from '../local-time.ts';
import type { Delta } from './delta.ts';
import { addTotals } from '../metrics.ts';
import { calendarCountersPart, calendarTopicsPart } from './calendar-parts.ts';
import { byLocalMonth, recomputeMonthlyMax } from './monthly.ts';
import { byNationalDay, recomputeNationalMax } from './national.ts';
import { runParts, type Part } from './store.ts';

export const FEDERAL_ZONE = 'Europe/Moscow';

/** Regions' time zones, read in the writer's transaction the first time a region is met. */
export class RegionZones {
  private zones = new Map<string, string>();

  async of(tx: Queryable, regions: Iterable<string>): Promise<Map<string, string>> {
    if (!this.zones.size || [...regions].some((r) => !this.zones.has(r))) {
      this.zones = await regionTimeZones(tx);
      // The federal reserve centre keeps Moscow's day, as the federal centre does.
      this.zones.set('federal', FEDERAL_ZONE);
    }
    return this.zones;
  }

  forget(): void {
    this.zones = new Map();
  }
}

interface DayRow {
  region: string;
  date: string;
  from: Date;
  to: Date;
  c: Delta['rows'][number]['counters'];
  maxWait: number;
  recompute: boolean;
}

export function byLocalDay(d: Delta, zones: Map<string, string>): { days: DayRow[]; topics: { region: string; date: string; topic: string; calls: number }[] } {
  const days = new Map<string, DayRow>();
  const dayOf = (region: string, interval: number) => {
    const z = zones.get(region);
    if (!z) throw new Error(`monitoring: region ${region} has no time zone`);
    return localDay(new Date(interval), z);
  };
  for (const r of d.rows) {
    const day = dayOf(r.key.region, r.key.interval);
    const k = `${r.key.region}|${day.date}`;
    const cur = days.get(k);
    if (!cur) {
      days.set(k, { region: r.key.region, date: day.date, from: day.from, to: day.to, c: { ...r.counters }, maxWait: r.maxWaitSeconds, recompute: r.recomputeMax });
      continue;
    }
    cur.c = addTotals(cur.c, r.counters);
    cur.maxWait = Math.max(cur.maxWait, r.maxWaitSeconds);
    cur.recompute ||= r.recomputeMax;
  }
  const topics = new Map<string, { region: string; date: string; topic: string; calls: number }>();
  for (const t of d.topics) {
    const date = dayOf(t.region, t.interval).date;
    const k = `${t.region}|${date}|${t.topic}`;
    const cur = topics.get(k);
    if (cur) cur.calls += t.calls;
    else topics.set(k, { region: t.region, date, topic: t.topic, calls: t.calls });
  }
  return {
    days: [...days.values()].sort((a, b) => `${a.region}|${a.date}`.localeCompare(`${b.region}|${b.date}`)),
    topics: [...topics.values()].sort((a, b) => `${a.region}|${a.date}|${a.topic}`.localeCompare(`${b.region}|${b.date}|${b.topic}`)),
  };
}

/** The daily (monthly, national) tables' parts of a write, and the days whose maximum wait must be read again. */
export async function dailyParts(tx: Queryable, d: Delta, zones: RegionZones): Promise<{ parts: Part[]; recompute: DayRow[] }> {
  if (!d.rows.length && !d.topics.length) return { parts: [], recompute: [] };
  const { days, topics } = byLocalDay(d, await zones.of(tx, [...d.rows.map((r) => r.key.region), ...d.topics.map((t) => t.region)]));
  const months = byLocalMonth(days, topics);
  const parts = [
    calendarCountersPart(
      'mon_daily',
      'local_date',
      days.map((x) => ({ ...x, key: x.date })),
    ),
    calendarTopicsPart(
      'mon_topic_daily',
      'local_date',
      topics.map((t) => ({ ...t, key: t.date })),
    ),
    calendarCountersPart('mon_monthly', 'month', months.days),
    calendarTopicsPart('mon_topic_monthly', 'month', months.topics),
    calendarCountersPart('mon_national_daily', 'local_date', byNationalDay(days)),
  ].filter((x): x is Part => x !== null);
  return { parts, recompute: days.filter((y) => y.recompute) };
}

/** A wait that shrank or left: the day's maximum is the largest of its intervals' (already right). */
export async function recomputeDailyMax(tx: Queryable, days: DayRow[]): Promise<void> {
  for (const x of days) {
    await tx.query(
      `UPDATE mon_daily SET max_wait_seconds = (SELECT coalesce(max(max_wait_seconds), 0) FROM mon_rollups WHERE region_code = $1 AND interval_start >= $3 AND interval_start < $4)
        WHERE region_code = $1 AND local_date = $2`,
      [x.region, x.date, x.from, x.to],
    );
  }
  await recomputeMonthlyMax(tx, days);
  await recomputeNationalMax(tx, days);
}

export async function applyDaily(tx: Queryable, d: Delta, zones: RegionZones): Promise<void> {
  const { parts, recompute } = await dailyParts(tx, d, zones);
  await runParts(tx, parts);
  await recomputeDailyMax(tx, recompute);
}
