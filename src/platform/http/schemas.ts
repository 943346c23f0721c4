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

export const idParams = z.object({ id: z.coerce.number().int().positive().describe('Numeric id') });

/** `?flag=true` style booleans in a query string. */
export const queryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/**
 * The instants otvet accepts: nothing it keeps happened before 2000, and a year past 2099 is a typo.
 * (A date from another age once broke every report: local dates before year 1000 were not SQL dates.)
 */
export const EARLIEST_INSTANT = Date.parse('2000-01-01T00:00:00Z');
export const LATEST_INSTANT = Date.parse('2100-01-01T00:00:00Z');
export const instantInRange = (s: string) => {
  const t = Date.parse(s);
  return t >= EARLIEST_INSTANT && t < LATEST_INSTANT;
};

export const isoDateTime = z.iso
  .datetime({ offset: true })
  .refine(instantInRange, 'must be between 2000 and 2099')
  .describe('ISO 8601 date-time with a time zone, e.g. 2026-02-01T00:00:00+03:00 (years 2000–2099)');

/** A calendar date (YYYY-MM-DD), years 2000–2099 like every instant. */
export const isoLocalDate = z.iso.date().refine((s) => s >= '2000-01-01' && s < '2100-01-01', 'must be between 2000 and 2099');
