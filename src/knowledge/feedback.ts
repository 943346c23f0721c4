// "This answer helped" marks, turned into bounded ranking boosts: each person counts once per
// query and answer (their latest mark), marks fade with a two-week half-life, and the strength
// saturates, so no single operator and no old wave of calls can dominate the ranking.
import { authorize } from '../platform/access/authorize.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import type { Db } from '../platform/db/database.ts';
import { answerNotFound } from './answers-service.ts';
import { kbTopics, type FeedbackRecorded } from './events.ts';
import { queryKey, storedQuery } from './query-key.ts';
import { maySee, type AnswerVisibility } from './visibility.ts';

const HALF_LIFE_DAYS = 14;
const KEEP_DAYS = 90;
/** Marks from this many people (net, fresh) give the full boost. */
const SATURATION = 3;

interface Mark {
  helped: boolean;
  at: number;
}

export class FeedbackService {
  /** query key -> slug -> voter -> latest mark */
  private readonly marks = new Map<string, Map<string, Map<string, Mark>>>();

  constructor(private readonly db: Db) {}

  async load(): Promise<void> {
    const r = await this.db.query<{ normalized_query: string; slug: string; voter: string; helped: boolean; at: Date }>(
      `SELECT f.normalized_query, a.slug, coalesce(f.user_id::text, 'anon') AS voter, f.helped, f.at
         FROM kb_feedback f JOIN kb_answers a ON a.id = f.answer_id
        WHERE f.at > now() - make_interval(days => $1) ORDER BY f.at`,
      [KEEP_DAYS],
    );
    for (const row of r.rows) this.remember({ key: row.normalized_query, slug: row.slug, voter: row.voter, helped: row.helped, at: row.at.toISOString() });
  }

  /** A mark recorded (on any node); marks are idempotent (latest per person), so order does not matter. */
  remember(f: FeedbackRecorded) {
    const bySlug = this.marks.get(f.key) ?? this.marks.set(f.key, new Map()).get(f.key)!;
    const byVoter = bySlug.get(f.slug) ?? bySlug.set(f.slug, new Map()).get(f.slug)!;
    const at = Date.parse(f.at);
    const prev = byVoter.get(f.voter);
    if (!prev || prev.at <= at) byVoter.set(f.voter, { helped: f.helped, at });
  }

  /** Boosts in [0, 1] for the answers people found helpful for this query. */
  boosts(query: string, now = Date.now()): Map<string, number> {
    const out = new Map<string, number>();
    for (const [slug, voters] of this.marks.get(queryKey(query)) ?? []) {
      let net = 0;
      for (const m of voters.values()) {
        const ageDays = (now - m.at) / 86400_000;
        if (ageDays > KEEP_DAYS) continue;
        net += (m.helped ? 1 : -1) * 0.5 ** (ageDays / HALF_LIFE_DAYS);
      }
      if (net > 0) out.set(slug, Math.min(1, net / SATURATION));
    }
    return out;
  }

  /** Records a mark on an answer the actor may see, and tells every node (their ranking uses it at once). */
  async record(ctx: ActorContext, input: { query: string; slug: string; helped: boolean }): Promise<void> {
    const p = authorize(ctx, 'kb.feedback');
    const query = storedQuery(input.query);
    const key = queryKey(query);
    await this.db.transaction(async (tx) => {
      const a = await tx.query<{ id: number } & AnswerVisibility>('SELECT id, scope, published_version, archived_at FROM kb_answers WHERE slug = $1', [input.slug]);
      // An answer the actor may not see is answered as a missing one: the mark must not reveal it.
      if (!a.rows[0] || !maySee(ctx, a.rows[0])) throw answerNotFound(input.slug);
      const row = await tx.query<{ at: Date }>('INSERT INTO kb_feedback (query, normalized_query, answer_id, helped, user_id, region) VALUES ($1, $2, $3, $4, $5, $6) RETURNING at', [
        query,
        key,
        a.rows[0].id,
        input.helped,
        p?.userId ?? null,
        p?.region ?? null,
      ]);
      if (input.helped) {
        await tx.query(
          `INSERT INTO kb_query_stats (day, normalized_query, sample_query, helped) VALUES ((now() AT TIME ZONE 'Europe/Moscow')::date, $1, $2, 1)
           ON CONFLICT (day, normalized_query) DO UPDATE SET helped = kb_query_stats.helped + 1`,
          [key, query],
        );
      }
      const event: FeedbackRecorded = { key, slug: input.slug, voter: String(p?.userId ?? 'anon'), helped: input.helped, at: row.rows[0]!.at.toISOString() };
      await kbTopics.publish(tx, 'kb.feedback.recorded', event);
    });
  }
}
