// "What people ask now", for editors and coordinators: topics surging in the last hour or day
// against the same hours of the previous 7 days (surge.ts), and searches that found no answer.
import type { Queryable } from '../platform/db/database.ts';
import { INTERVAL_MS } from './rollups/contribution.ts';
import { surges, type Surge } from './surge.ts';

export type TrendWindow = 'hour' | 'day';

const DAY = 86_400_000;

/** The window (k = 0) and the same span on each of the 7 days before (k = 1..7), on interval bounds. */
export function spans(now: Date, window: TrendWindow): { k: number; from: Date; to: Date }[] {
  const to = Math.ceil(now.getTime() / INTERVAL_MS) * INTERVAL_MS;
  const from = to - (window === 'hour' ? 3_600_000 : DAY);
  return Array.from({ length: 8 }, (_, k) => ({ k, from: new Date(from - k * DAY), to: new Date(to - k * DAY) }));
}

export async function surgingTopics(db: Queryable, now: Date, window: TrendWindow, regions?: string[]): Promise<{ calls: number; baselineCalls: number; topics: Surge[] }> {
  const s = JSON.stringify(spans(now, window).map((x) => ({ k: x.k, f: x.from.toISOString(), t: x.to.toISOString() })));
  const [topics, totals] = await Promise.all([
    db.query<{ topic: string; window: string; baseline: string }>(
      `SELECT r.topic, coalesce(sum(r.calls) FILTER (WHERE s.k = 0), 0)::bigint AS window, coalesce(sum(r.calls) FILTER (WHERE s.k > 0), 0)::bigint AS baseline
         FROM json_to_recordset($1::json) AS s(k int, f timestamptz, t timestamptz)
         JOIN mon_topic_rollups r ON r.interval_start >= s.f AND r.interval_start < s.t
        WHERE ($2::text[] IS NULL OR r.region_code = ANY($2::text[]))
        GROUP BY r.topic`,
      [s, regions ?? null],
    ),
    db.query<{ window: string; baseline: string }>(
      `SELECT coalesce(sum(r.offered) FILTER (WHERE s.k = 0), 0)::bigint AS window, coalesce(sum(r.offered) FILTER (WHERE s.k > 0), 0)::bigint AS baseline
         FROM json_to_recordset($1::json) AS s(k int, f timestamptz, t timestamptz)
         JOIN mon_rollups r ON r.interval_start >= s.f AND r.interval_start < s.t
        WHERE ($2::text[] IS NULL OR r.region_code = ANY($2::text[]))`,
      [s, regions ?? null],
    ),
  ]);
  const n = Number(totals.rows[0]?.window ?? 0);
  const m = Number(totals.rows[0]?.baseline ?? 0);
  return {
    calls: n,
    baselineCalls: m,
    topics: surges(
      topics.rows.map((r) => ({ topic: r.topic, window: Number(r.window), baseline: Number(r.baseline) })),
      n,
      m,
    ),
  };
}
