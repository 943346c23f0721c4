// SQL of the support measures recorded with calls' wrap-ups (cc_calls.measures), counted for the
// navigator's reports: which measures callers ask about, by region. Counts only, never a call.
import type { Queryable } from '../platform/db/database.ts';

export interface MeasuresSpan {
  /** First Moscow date (YYYY-MM-DD), inclusive. */
  from: string;
  /** Last Moscow date, inclusive. */
  to: string;
  /** The calls of one region (the region the call came from); all when absent. */
  region?: string;
}

/**
 * Per region and measure, the calls offered on Moscow dates [from, to] whose wrap-up recorded the
 * measure (each call counts a measure once: the wrap-up keeps them deduplicated).
 */
export async function measuresOnCalls(db: Queryable, s: MeasuresSpan): Promise<{ region: string; measure: string; count: number }[]> {
  const r = await db.query<{ region: string; measure: string; count: number }>(
    `SELECT coalesce(region_code, '') AS region, m AS measure, count(*)::int AS count
       FROM cc_calls, unnest(measures) AS m
      WHERE cardinality(measures) > 0
        AND offered_at >= ($1::date::timestamp AT TIME ZONE 'Europe/Moscow')
        AND offered_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Moscow')
        AND ($3::text IS NULL OR region_code = $3)
      GROUP BY 1, 2`,
    [s.from, s.to, s.region ?? null],
  );
  return r.rows;
}
