// "Did not help": what the reader says was missing, for the editors' queue. Anonymous like the
// votes; what could identify someone (personal-data.ts) is masked before it is written, so the
// table never holds it.
import { z } from 'zod';
import { authorize } from '../platform/access/authorize.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import type { Db } from '../platform/db/database.ts';
import { maskPersonal } from './personal-data.ts';

const MOSCOW_TODAY = "(now() AT TIME ZONE 'Europe/Moscow')::date";
/** Reasons listed per answer, newest first. */
const REASONS_PER_ANSWER = 20;

export const missingReportSchema = z
  .object({
    days: z.number().int(),
    items: z.array(
      z.object({
        slug: z.string(),
        title: z.string().nullable().describe('null: the answer is no longer published'),
        notHelped: z.number().int().describe('«Нет» votes in the period'),
        reasons: z.array(z.object({ day: z.string(), text: z.string() })).describe(`What readers said was missing, newest first (at most ${REASONS_PER_ANSWER})`),
      }),
    ),
  })
  .meta({ id: 'PortalMissingReport' });
export type MissingReport = z.infer<typeof missingReportSchema>;

export class VoteReasons {
  constructor(private readonly db: Db) {}

  async record(slug: string, text: string): Promise<void> {
    await this.db.query(`INSERT INTO portal_vote_reasons (day, slug, reason) VALUES (${MOSCOW_TODAY}, $1, $2)`, [slug, maskPersonal(text)]);
  }

  /** The answers readers said did not help in the last `days` days (most «Нет» first), with their words. */
  async report(ctx: ActorContext, days: number, limit: number, titleOf: (slug: string) => string | null): Promise<MissingReport> {
    authorize(ctx, 'portal.views.read');
    const r = await this.db.query<{ slug: string; not_helped: number; reasons: { day: string; text: string }[] | null }>(
      `WITH v AS (SELECT slug, sum(not_helped)::int AS not_helped FROM portal_votes WHERE day > ${MOSCOW_TODAY} - $1::int GROUP BY slug),
            w AS (SELECT slug, json_agg(json_build_object('day', day::text, 'text', reason) ORDER BY id DESC) FILTER (WHERE n <= ${REASONS_PER_ANSWER}) AS reasons
                    FROM (SELECT slug, day, reason, id, row_number() OVER (PARTITION BY slug ORDER BY id DESC) AS n
                            FROM portal_vote_reasons WHERE day > ${MOSCOW_TODAY} - $1::int) x
                   GROUP BY slug)
       SELECT coalesce(v.slug, w.slug) AS slug, coalesce(v.not_helped, 0) AS not_helped, w.reasons
         FROM v FULL JOIN w ON w.slug = v.slug
        WHERE coalesce(v.not_helped, 0) > 0 OR w.reasons IS NOT NULL
        ORDER BY coalesce(v.not_helped, 0) DESC, slug LIMIT $2`,
      [days, limit],
    );
    return { days, items: r.rows.map((x) => ({ slug: x.slug, title: titleOf(x.slug), notHelped: x.not_helped, reasons: x.reasons ?? [] })) };
  }
}
