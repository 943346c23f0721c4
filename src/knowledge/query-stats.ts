// What people search for, counted per day (Moscow time) and query, for editors: what finds no
// answer, and what finds answers nobody marks as helpful. Counts are gathered in memory and
// written in batches, so searching never waits for a write.
import { z } from 'zod';
import { authorize } from '../platform/access/authorize.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import type { Db } from '../platform/db/database.ts';
import { Loop } from '../platform/jobs.ts';
import type { Logger } from '../platform/logger.ts';
import { queryKey, storedQuery } from './query-key.ts';

export const queryReportSchema = z
  .object({
    period: z.enum(['day', 'week']),
    kind: z.enum(['unanswered', 'poorly_answered']),
    items: z.array(z.object({ query: z.string(), searches: z.number().int(), empty: z.number().int(), helped: z.number().int() })),
  })
  .meta({ id: 'QueryReport' });
export type QueryReport = z.infer<typeof queryReportSchema>;

interface Pending {
  sample: string;
  searches: number;
  empty: number;
}

export class QueryStats {
  private pending = new Map<string, Pending>();
  private readonly flushing: Loop;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {
    // (flush() keeps what it could not write and says so itself)
    this.flushing = new Loop({ everyMs: 5000, run: () => this.flush(), failed: (err) => this.log.warn({ err }, 'query statistics not written; will retry') });
  }

  start(flushMs = 5000) {
    this.flushing.start(flushMs);
  }

  async stop() {
    await this.flushing.stop();
    await this.flush();
  }

  count(query: string, found: number): void {
    const key = queryKey(query);
    if (!key) return;
    const p = this.pending.get(key) ?? { sample: storedQuery(query), searches: 0, empty: 0 };
    p.searches++;
    if (found === 0) p.empty++;
    this.pending.set(key, p);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.db.query(
        `INSERT INTO kb_query_stats (day, normalized_query, sample_query, searches, empty)
         SELECT (now() AT TIME ZONE 'Europe/Moscow')::date, k, s, n, e
           FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS t(k, s, n, e)
         ON CONFLICT (day, normalized_query) DO UPDATE SET
           searches = kb_query_stats.searches + excluded.searches, empty = kb_query_stats.empty + excluded.empty`,
        [[...batch.keys()], [...batch.values()].map((p) => p.sample), [...batch.values()].map((p) => p.searches), [...batch.values()].map((p) => p.empty)],
      );
    } catch (err) {
      // Put the counts back; they go with the next flush.
      for (const [k, p] of batch) {
        const cur = this.pending.get(k);
        this.pending.set(k, cur ? { sample: cur.sample, searches: cur.searches + p.searches, empty: cur.empty + p.empty } : p);
      }
      this.log.warn({ err }, 'query statistics not written; will retry');
    }
  }

  async report(ctx: ActorContext, period: 'day' | 'week', kind: 'unanswered' | 'poorly_answered', limit: number): Promise<QueryReport> {
    authorize(ctx, 'kb.stats.read');
    await this.flush();
    const days = period === 'day' ? 1 : 7;
    const order = kind === 'unanswered' ? 'sum(empty) DESC' : 'sum(searches) - sum(empty) DESC';
    const having = kind === 'unanswered' ? 'sum(empty) > 0' : 'sum(searches) > sum(empty) AND sum(helped) = 0';
    const r = await this.db.query<{ query: string; searches: number; empty: number; helped: number }>(
      `SELECT max(sample_query) AS query, sum(searches)::int AS searches, sum(empty)::int AS empty, sum(helped)::int AS helped
         FROM kb_query_stats
        WHERE day > (now() AT TIME ZONE 'Europe/Moscow')::date - $1::int
        GROUP BY normalized_query HAVING ${having}
        ORDER BY ${order}, normalized_query LIMIT $2`,
      [days, limit],
    );
    return { period, kind, items: r.rows };
  }
}
