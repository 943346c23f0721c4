// Schema pieces every module's routes share.
import { z } from 'zod';
import { problemSchema } from './problem.ts';

/** Problem responses for the given statuses, for a route's `response` map. */
export function problems<S extends number>(...statuses: S[]): Record<S, typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema])) as Record<S, typeof problemSchema>;
}

/** Staff routes accept a session cookie or an API token. */
export const staffSecurity: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];
export const publicSecurity: { [scheme: string]: string[] }[] = [];

/** PostgreSQL's integer: ids, versions and counts from a path or query string go no higher, so a
 * bigger number is the client's 400 and not the database's "out of range" error. */
export const INT32_MAX = 2_147_483_647;

/** A real calendar date YYYY-MM-DD (no 30 February) in the years the platform's figures can cover:
 * year 0 or 9999 is a typo, and PostgreSQL cannot take every date JavaScript makes around them. */
export const calendarDate = (error: string) => z.iso.date({ error }).refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'must be a date in the years 2000 to 2100');

export const idParams = z.object({ id: z.coerce.number().int().positive().max(INT32_MAX).describe('Numeric id') });

/** `?flag=true` style booleans in a query string. */
export const queryBoolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * The instants otvet accepts: nothing it keeps happened before 2000, and a year past 2100 is a typo (as for calendarDate).
 * (A date from another age once broke every report: local dates before year 1000 were not SQL dates.)
 */
export const EARLIEST_INSTANT = Date.parse('2000-01-01T00:00:00Z');
export const LATEST_INSTANT = Date.parse('2101-01-01T00:00:00Z');
export const instantInRange = (s: string) => {
  const t = Date.parse(s);
  return t >= EARLIEST_INSTANT && t < LATEST_INSTANT;
};

export const isoDateTime = z.iso
  .datetime({ offset: true })
  .refine(instantInRange, 'must be in the years 2000 to 2100')
  .describe('ISO 8601 date-time with a time zone, e.g. 2026-02-01T00:00:00+03:00 (years 2000–2100)');
