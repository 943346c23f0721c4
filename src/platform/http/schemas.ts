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

export const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time with a time zone, e.g. 2026-02-01T00:00:00+03:00');
