// The rollups per region and local day: the interval deltas of a transaction, added up by the
// region's own calendar date. Reports over months and years read these instead of interval rows.
import type { Queryable } from '../../platform/db/database.ts';
import { regionTimeZones } from '../../regions/index.ts';
import { localDay } from '../local-time.ts';
import type { Delta } from './delta.ts';
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

const add = (a: number[], b: number[]) => a.map((x, i) => x + b[i]!);

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
    const c = cur.c;
    const n = r.counters;
    cur.c = {
      ...c,
      offered: c.offered + n.offered,
      answered: c.answered + n.answered,
      abandoned: c.abandoned + n.abandoned,
      overflowOut: c.overflowOut + n.overflowOut,
      overflowIn: c.overflowIn + n.overflowIn,
      callbacks: c.callbacks + n.callbacks,
      waitSeconds: c.waitSeconds + n.waitSeconds,
      talkSeconds: c.talkSeconds + n.talkSeconds,
      wrapSeconds: c.wrapSeconds + n.wrapSeconds,
      answeredWithin: add(c.answeredWithin, n.answeredWithin),
      abandonedWithin: add(c.abandonedWithin, n.abandonedWithin),
    };
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
  return { days: [...days.values()].sort((a, b) => `${a.region}|${a.date}`.localeCompare(`${b.region}|${b.date}`)), topics: [...topics.values()].sort((a, b) => `${a.region}|${a.date}|${a.topic}`.localeCompare(`${b.region}|${b.date}|${b.topic}`)) };
}

/** The daily tables' parts of a write, and the days whose maximum wait must be read again. */
export async function dailyParts(tx: Queryable, d: Delta, zones: RegionZones): Promise<{ parts: Part[]; recompute: DayRow[] }> {
  if (!d.rows.length && !d.topics.length) return { parts: [], recompute: [] };
  const { days, topics } = byLocalDay(d, await zones.of(tx, [...d.rows.map((r) => r.key.region), ...d.topics.map((t) => t.region)]));
  const parts: Part[] = [];
  if (days.length) {
    parts.push({
      sql: (n) =>
        `INSERT INTO mon_daily AS r (region_code, local_date, offered, answered, abandoned, overflow_out, overflow_in, callbacks,
              wait_seconds, max_wait_seconds, talk_seconds, wrap_seconds, answered_within, abandoned_within)
       SELECT region, local_date, offered, answered, abandoned, overflow_out, overflow_in, callbacks, wait_seconds, max_wait_seconds, talk_seconds, wrap_seconds, answered_within, abandoned_within
         FROM json_to_recordset($${n}::json) AS x(region text, local_date date, offered int, answered int, abandoned int, overflow_out int, overflow_in int, callbacks int,
              wait_seconds float8, max_wait_seconds float8, talk_seconds float8, wrap_seconds float8, answered_within int[], abandoned_within int[])
       ON CONFLICT (region_code, local_date) DO UPDATE SET
         offered = r.offered + excluded.offered, answered = r.answered + excluded.answered, abandoned = r.abandoned + excluded.abandoned,
         overflow_out = r.overflow_out + excluded.overflow_out, overflow_in = r.overflow_in + excluded.overflow_in, callbacks = r.callbacks + excluded.callbacks,
         wait_seconds = r.wait_seconds + excluded.wait_seconds, max_wait_seconds = greatest(r.max_wait_seconds, excluded.max_wait_seconds),
         talk_seconds = r.talk_seconds + excluded.talk_seconds, wrap_seconds = r.wrap_seconds + excluded.wrap_seconds,
         answered_within = ARRAY(SELECT a + b FROM unnest(r.answered_within, excluded.answered_within) WITH ORDINALITY AS t(a, b, i) ORDER BY i),
         abandoned_within = ARRAY(SELECT a + b FROM unnest(r.abandoned_within, excluded.abandoned_within) WITH ORDINALITY AS t(a, b, i) ORDER BY i)`,
      param: JSON.stringify(
          days.map((x) => ({
            region: x.region,
            local_date: x.date,
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
    });
  }
  if (topics.length) {
    parts.push({
      sql: (n) =>
        `INSERT INTO mon_topic_daily AS r (region_code, local_date, topic, calls)
       SELECT region, local_date, topic, calls FROM json_to_recordset($${n}::json) AS x(region text, local_date date, topic text, calls int)
       ON CONFLICT (region_code, local_date, topic) DO UPDATE SET calls = r.calls + excluded.calls`,
      param: JSON.stringify(topics.map((t) => ({ region: t.region, local_date: t.date, topic: t.topic, calls: t.calls }))),
    });
  }
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
}

export async function applyDaily(tx: Queryable, d: Delta, zones: RegionZones): Promise<void> {
  const { parts, recompute } = await dailyParts(tx, d, zones);
  await runParts(tx, parts);
  await recomputeDailyMax(tx, recompute);
}
