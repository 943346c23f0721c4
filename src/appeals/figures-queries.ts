// SQL of the coordination figures of appeals: what was filed in a span (by region, type,
// organisation and channel; by the region's local day), the answers given in it and how many on
// time, and what is open and overdue now. Counts only: no personal column is read.
//
// Fast on a year of appeals: aggregate queries over narrow indexes, never over the wide rows (their
// sealed part) — filings over ap_appeals_registered_idx (registered_at, with region, type,
// organisation and channel included: an index-only scan), answers over ap_appeals_answered_idx
// (answered_at, with region and due time; both made by migration 0027), open ones over
// ap_appeals_region_due_idx (region, status, due time). A local day per row is costly (with the
// grouping by day, most of a year's query on PostgreSQL): the local day is worked out only for the rows within
// a day of the span's edges, where zones disagree, and for the counts by day, asked apart. Measured
// on PostgreSQL 15 with a million appeals in a year: the counts 0.4 s (1.4 s on 0024's index of
// registered_at alone), the days 0.8 s (1.2 s), the answers 0.3 s (0.65 s); docs/appeals.md.
import type { Queryable } from '../platform/db/database.ts';

/** Each region's time zone (the local day an appeal is counted in), and the span's local dates. */
export interface SpanFilter {
  zones: { code: string; timezone: string }[];
  /** Local dates, inclusive. */
  from: string;
  to: string;
  regions?: string[] | undefined;
}

const OPEN = "('registered', 'forwarded', 'in_progress', 'redirected')";
const HOUR = 3_600_000;

/**
 * $1, $2 the regions and their zones; $3, $4 instants that hold every region's local days of the
 * span (from its first midnight in the zone furthest ahead, UTC+14, to its last in the one furthest
 * behind, UTC−12); $5, $6 the local dates; $7 the regions asked for (null: all); $8, $9 the instants
 * inside the span's local days in every zone (no zone needs working out there).
 */
function params(f: SpanFilter) {
  const from = Date.parse(`${f.from}T00:00:00Z`);
  const to = Date.parse(`${f.to}T00:00:00Z`);
  const [lo, hi, innerLo, innerHi] = [from - 14 * HOUR, to + 36 * HOUR, from + 12 * HOUR, to + 10 * HOUR].map((t) => new Date(t));
  return [f.zones.map((z) => z.code), f.zones.map((z) => z.timezone), lo, hi, f.from, f.to, f.regions ?? null, innerLo, innerHi];
}

// (a region the list does not know counts in Moscow's day)
const ZONES = `LEFT JOIN unnest($1::text[], $2::text[]) AS z(region_code, zone) ON z.region_code = a.region_code`;
const localDay = (column: string) => `(a.${column} AT TIME ZONE coalesce(z.zone, 'Europe/Moscow'))::date`;
/** The row's instant falls on one of the span's local dates in its region's zone. */
const inSpan = (column: string) => `a.${column} >= $3 AND a.${column} < $4 AND ($7::text[] IS NULL OR a.region_code = ANY($7::text[]))
        AND ((a.${column} >= $8 AND a.${column} < $9) OR ${localDay(column)} BETWEEN $5::date AND $6::date)`;

/** Appeals registered on the span's local dates, by region, type, organisation and channel. */
export async function filedIn(db: Queryable, f: SpanFilter): Promise<{ region: string; type: string; organisationId: number; channel: string; count: number }[]> {
  const r = await db.query<{ region_code: string; type_code: string; organisation_id: number; channel: string; n: number }>(
    `SELECT a.region_code, a.type_code, a.organisation_id, a.channel, count(*)::int AS n
       FROM ap_appeals a ${ZONES}
      WHERE ${inSpan('registered_at')}
      GROUP BY a.region_code, a.type_code, a.organisation_id, a.channel`,
    params(f),
  );
  return r.rows.map((x) => ({ region: x.region_code, type: x.type_code, organisationId: x.organisation_id, channel: x.channel, count: x.n }));
}

/** Appeals registered on each of the span's local dates: each region's own day, summed over regions. */
export async function filedByDay(db: Queryable, f: SpanFilter): Promise<{ day: string; count: number }[]> {
  const r = await db.query<{ day: string; n: number }>(
    `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.n FROM (
       SELECT ${localDay('registered_at')} AS day, count(*)::int AS n
         FROM ap_appeals a ${ZONES}
        WHERE a.registered_at >= $3 AND a.registered_at < $4 AND ($7::text[] IS NULL OR a.region_code = ANY($7::text[]))
        GROUP BY 1) d
      WHERE d.day BETWEEN $5::date AND $6::date ORDER BY d.day`,
    params(f).slice(0, 7),
  );
  return r.rows.map((x) => ({ day: x.day, count: x.n }));
}

/** Appeals answered on the span's local dates, per region: how many, and how many by their due time. */
export async function answeredIn(db: Queryable, f: SpanFilter): Promise<{ region: string; answered: number; onTime: number }[]> {
  const r = await db.query<{ region_code: string; answered: number; on_time: number }>(
    `SELECT a.region_code, count(*)::int AS answered, (count(*) FILTER (WHERE a.answered_at <= a.answer_by))::int AS on_time
       FROM ap_appeals a ${ZONES}
      WHERE ${inSpan('answered_at')}
      GROUP BY a.region_code`,
    params(f),
  );
  return r.rows.map((x) => ({ region: x.region_code, answered: x.answered, onTime: x.on_time }));
}

/** Appeals open now per region (those with any), and how many of them are past their due time. */
export async function openNow(db: Queryable, now: Date, regions?: string[]): Promise<{ region: string; open: number; overdue: number }[]> {
  const r = await db.query<{ region_code: string; open: number; overdue: number }>(
    `SELECT region_code, count(*)::int AS open, (count(*) FILTER (WHERE answer_by < $1))::int AS overdue
       FROM ap_appeals
      WHERE status IN ${OPEN} AND ($2::text[] IS NULL OR region_code = ANY($2::text[]))
      GROUP BY region_code`,
    [now, regions ?? null],
  );
  return r.rows.map((x) => ({ region: x.region_code, open: x.open, overdue: x.overdue }));
}
