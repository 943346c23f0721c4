// Views of answers, counted per answer and day (Moscow time), without cookies; an address counts
// once per answer and day (reloading does not inflate a count), and is only held in memory until
// the day ends, never written. A page view only adds to a number in memory; a flush every few
// seconds writes all of them in one statement, so 50 million views a year cost a few rows a day per answer.
import { z } from 'zod';
import { authorize } from '../platform/access/authorize.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import type { Db } from '../platform/db/database.ts';
import { Loop } from '../platform/jobs.ts';
import type { Logger } from '../platform/logger.ts';
import { BoundedMap } from '../platform/bounded-map.ts';

export const viewsReportSchema = z
  .object({
    days: z.number().int(),
    from: z.string().describe('First day counted (YYYY-MM-DD, Moscow time)'),
    to: z.string().describe('Last day counted (today)'),
    total: z.number().int().describe('All views of all answers in the period'),
    items: z.array(z.object({ slug: z.string(), views: z.number().int(), helped: z.number().int(), notHelped: z.number().int() })),
  })
  .meta({ id: 'PortalViews' });
export type ViewsReport = z.infer<typeof viewsReportSchema>;

const MOSCOW_TODAY = "(now() AT TIME ZONE 'Europe/Moscow')::date";
/** (address, answer) pairs remembered per day; past this the oldest go, and may count once more. */
const SEEN_CAPACITY = 200_000;
const MOSCOW_OFFSET_MS = 3 * 3600_000;

/** Popular = views over the last this many days. */
export const POPULAR_DAYS = 7;

export class ViewCounter {
  private pending = new Map<string, number>();
  private readonly flushing: Loop;
  private popularSlugs: string[] = [];
  /** Called when the popular list changes (pages showing it are then built again). */
  onPopularChange: () => void = () => {};

  private seen = new BoundedMap<string, true>(SEEN_CAPACITY);
  private seenDay = '';

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.flushing = new Loop({ everyMs: 10_000, run: () => this.flush(), failed: (err) => this.log.warn({ err }, 'portal views not written; will retry') });
  }

  start(flushMs = 10_000): void {
    this.flushing.start(flushMs);
  }

  async stop(): Promise<void> {
    await this.flushing.stop();
    await this.flush();
  }

  /** A view of the answer by the client at this address; one per address, answer and Moscow day. */
  count(slug: string, client: string): void {
    // Moscow keeps UTC+3 all year.
    const day = new Date(this.now().getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 10);
    if (day !== this.seenDay) {
      this.seen.clear();
      this.seenDay = day;
    }
    const key = `${client} ${slug}`;
    if (this.seen.has(key)) return;
    this.seen.set(key, true);
    this.pending.set(slug, (this.pending.get(slug) ?? 0) + 1);
  }

  async flush(): Promise<void> {
    if (this.pending.size > 0) {
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.db.query(
          `INSERT INTO portal_views (day, slug, views) SELECT ${MOSCOW_TODAY}, s, n FROM unnest($1::text[], $2::bigint[]) AS t(s, n)
           ON CONFLICT (day, slug) DO UPDATE SET views = portal_views.views + excluded.views`,
          [[...batch.keys()], [...batch.values()]],
        );
      } catch (err) {
        // Put the counts back; they go with the next flush.
        for (const [s, n] of batch) this.pending.set(s, (this.pending.get(s) ?? 0) + n);
        this.log.warn({ err }, 'portal views not written; will retry');
        return;
      }
    }
    await this.loadPopular();
  }

  /** Recomputes the popular answers (after each flush: they change no faster than views are written). */
  async loadPopular(limit = 20): Promise<void> {
    const r = await this.db.query<{ slug: string }>(`SELECT slug FROM portal_views WHERE day > ${MOSCOW_TODAY} - $1::int GROUP BY slug ORDER BY sum(views) DESC, slug LIMIT $2`, [POPULAR_DAYS, limit]);
    const next = r.rows.map((x) => x.slug);
    if (next.join() === this.popularSlugs.join()) return;
    this.popularSlugs = next;
    this.onPopularChange();
  }

  /** All views of all answers over Moscow dates [from, to] (inclusive), pending ones written first: the year's summary. */
  async total(from: string, to: string): Promise<number> {
    await this.flush();
    const r = await this.db.query<{ n: string }>('SELECT coalesce(sum(views), 0)::bigint AS n FROM portal_views WHERE day >= $1::date AND day <= $2::date', [from, to]);
    return Number(r.rows[0]!.n);
  }

  /** The most read answers of the last 7 days, most read first (as of the last flush). */
  popular(): readonly string[] {
    return this.popularSlugs;
  }

  async report(ctx: ActorContext, days: number, limit: number): Promise<ViewsReport> {
    authorize(ctx, 'portal.views.read');
    await this.flush();
    const r = await this.db.query<{ slug: string; views: number; helped: number; not_helped: number; total: number }>(
      `WITH v AS (SELECT slug, sum(views)::bigint AS views FROM portal_views WHERE day > ${MOSCOW_TODAY} - $1::int GROUP BY slug),
            h AS (SELECT slug, sum(helped)::int AS helped, sum(not_helped)::int AS not_helped FROM portal_votes WHERE day > ${MOSCOW_TODAY} - $1::int GROUP BY slug),
            s AS (SELECT coalesce(v.slug, h.slug) AS slug, coalesce(v.views, 0)::int AS views, coalesce(h.helped, 0) AS helped, coalesce(h.not_helped, 0) AS not_helped
                    FROM v FULL JOIN h ON h.slug = v.slug)
       SELECT slug, views, helped, not_helped, (SELECT coalesce(sum(views), 0)::int FROM v) AS total
         FROM s ORDER BY views DESC, slug LIMIT $2`,
      [days, limit],
    );
    const bounds = await this.db.query<{ from: string; to: string }>(`SELECT (${MOSCOW_TODAY} - $1::int + 1)::text AS "from", ${MOSCOW_TODAY}::text AS "to"`, [days]);
    return {
      days,
      from: bounds.rows[0]!.from,
      to: bounds.rows[0]!.to,
      total: r.rows[0]?.total ?? 0,
      items: r.rows.map((x) => ({ slug: x.slug, views: x.views, helped: x.helped, notHelped: x.not_helped })),
    };
  }
}
