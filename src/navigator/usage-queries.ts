// SQL of the navigator's usage counts (nv_usage): the counters' flush, one statement adding to
// the day's rows, and the sums the report reads.
import type { Queryable } from '../platform/db/database.ts';

export type Channel = 'portal' | 'workstation' | 'api';
export type Kind = 'shown' | 'answered' | 'finished' | 'eligible';

export interface UsageRow {
  day: string;
  channel: Channel;
  region: string;
  kind: Kind;
  key: string;
  count: number;
}

/** Adds the counts to their rows (made when missing), all in one statement. */
export async function addUsage(db: Queryable, rows: UsageRow[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO nv_usage (day, channel, region, kind, key, count)
     SELECT d, c, r, k, key, n FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) AS t(d, c, r, k, key, n)
     ON CONFLICT (day, channel, region, kind, key) DO UPDATE SET count = nv_usage.count + excluded.count`,
    [rows.map((x) => x.day), rows.map((x) => x.channel), rows.map((x) => x.region), rows.map((x) => x.kind), rows.map((x) => x.key), rows.map((x) => x.count)],
  );
}

export interface UsageSum {
  channel: Channel;
  region: string;
  kind: Kind;
  key: string;
  count: number;
}

/** The counts over days [from, to] (inclusive), per channel, region, kind and key; one region or all. */
export async function usageSums(db: Queryable, o: { from: string; to: string; region?: string }): Promise<UsageSum[]> {
  const r = await db.query<UsageSum>(
    // (float8: a JavaScript number in both drivers, exact far beyond any count; int4 could overflow)
    `SELECT channel, region, kind, key, sum(count)::float8 AS count FROM nv_usage
      WHERE day >= $1::date AND day <= $2::date AND ($3::text IS NULL OR region = $3)
      GROUP BY channel, region, kind, key`,
    [o.from, o.to, o.region ?? null],
  );
  return r.rows;
}
