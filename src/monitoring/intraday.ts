// A day by 15 minutes, for the wallboard's region detail and its national curve: each interval's
// calls offered and answered and its service level, today (up to the interval running now) beside
// the same weekday a week before. A region's day is its own local day; the country's runs on Moscow
// time, each region's calls judged by its own threshold (as the national figures are).
import type { Queryable } from '../platform/db/database.ts';
import { localDay } from './local-time.ts';
import { addTotals, answeredWithin, emptyTotals, shortAbandons, type Totals } from './metrics.ts';
import { INTERVAL_MS } from './rollups/contribution.ts';
import { totalsByIntervalAndRegion } from './rollups/queries.ts';

export const NATIONAL_TIMEZONE = 'Europe/Moscow';
const SLOTS = 96;
const WEEK_MS = 7 * 86_400_000;

export interface Centre {
  timezone: string;
  norms: { serviceLevelSeconds: number; shortAbandonSeconds: number };
}

export interface CurvePoint {
  offered: number;
  answered: number;
  /** Answered within the threshold over the calls handled (short abandons left out); null without calls. */
  serviceLevel: number | null;
}

/** Sums of one interval over regions: the service level's parts counted by each region's own norms. */
interface Acc {
  totals: Totals;
  within: number;
  handled: number;
}

const empty = (): Acc => ({ totals: emptyTotals(), within: 0, handled: 0 });
const point = (a: Acc): CurvePoint => ({ offered: a.totals.offered, answered: a.totals.answered, serviceLevel: a.handled > 0 ? a.within / a.handled : null });

async function slots(db: Queryable, day: { from: Date; to: Date }, centres: ReadonlyMap<string, Centre>, regions: string[] | undefined): Promise<Acc[]> {
  const out = Array.from({ length: SLOTS }, empty);
  for (const row of await totalsByIntervalAndRegion(db, day.from, day.to, regions)) {
    const c = centres.get(row.region);
    const i = Math.floor((row.interval.getTime() - day.from.getTime()) / INTERVAL_MS);
    if (!c || i < 0 || i >= SLOTS) continue;
    const a = out[i]!;
    a.totals = addTotals(a.totals, row.totals);
    a.within += answeredWithin(row.totals, c.norms.serviceLevelSeconds);
    a.handled += row.totals.answered + row.totals.abandoned - shortAbandons(row.totals, c.norms.shortAbandonSeconds);
  }
  return out;
}

/** region: one region's day (it must be in centres), or undefined for the country's. */
export async function intradayCurve(db: Queryable, centres: ReadonlyMap<string, Centre>, now: Date, region: string | undefined) {
  const timezone = region ? centres.get(region)!.timezone : NATIONAL_TIMEZONE;
  const today = localDay(now, timezone);
  const before = localDay(new Date(now.getTime() - WEEK_MS), timezone);
  const scope = region ? [region] : undefined;
  const [mine, theirs] = await Promise.all([slots(db, today, centres, scope), slots(db, before, centres, scope)]);
  // intervals after the one running now have not happened yet
  const running = Math.floor((now.getTime() - today.from.getTime()) / INTERVAL_MS);
  return {
    region: region ?? null,
    timezone,
    date: today.date,
    comparedDate: before.date,
    intervalMinutes: INTERVAL_MS / 60_000,
    points: mine.map((a, i) => ({
      time: `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`,
      today: i <= running ? point(a) : null,
      lastWeek: point(theirs[i]!),
    })),
  };
}
