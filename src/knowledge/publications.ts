// "Answers sent to call centres": what was published, updated or withdrawn, when, with counts per
// section and per day (the federal centre's day, Moscow time).
import { z } from 'zod';
import { authorize } from '../platform/access/authorize.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import type { Db } from '../platform/db/database.ts';

export const publicationsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: z.object({ new: z.number().int(), update: z.number().int(), archive: z.number().int() }),
    bySection: z.array(z.object({ section: z.string(), new: z.number().int(), update: z.number().int(), archive: z.number().int() })),
    byDay: z.array(z.object({ day: z.string(), new: z.number().int(), update: z.number().int(), archive: z.number().int() })),
    items: z.array(
      z.object({
        at: z.string(),
        slug: z.string(),
        title: z.string().nullable(),
        version: z.number().int().nullable(),
        kind: z.enum(['new', 'update', 'archive']),
        section: z.string(),
        scope: z.string(),
        by: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Publications' });
export type Publications = z.infer<typeof publicationsSchema>;

interface Row {
  at: Date;
  slug: string;
  title: string | null;
  version: number | null;
  kind: 'new' | 'update' | 'archive';
  section: string;
  scope: string;
  by: string | null;
  day: string;
}

const DAY_ZONE = 'Europe/Moscow';

export class PublicationsService {
  constructor(private readonly db: Db) {}

  /** Answers published for the first time in [from, to) (no access check: a count, for reports). */
  async newAnswers(from: Date, to: Date): Promise<number> {
    const r = await this.db.query<{ n: number }>("SELECT count(*)::int AS n FROM kb_publications WHERE kind = 'new' AND at >= $1 AND at < $2", [from, to]);
    return r.rows[0]!.n;
  }

  async feed(ctx: ActorContext, f: { from: Date; to: Date; section?: string; limit: number }): Promise<Publications> {
    authorize(ctx, 'kb.read_drafts');
    const params: unknown[] = [f.from, f.to, DAY_ZONE];
    const section = f.section ? `AND p.section = $${params.push(f.section)}` : '';
    // Federal answers and supplements of the reader's region (or all, for federal staff).
    const region = ctx.principal && ctx.principal.region !== 'federal' ? `AND p.scope IN ('federal', $${params.push(ctx.principal.region)})` : '';
    const r = await this.db.query<Row>(
      `SELECT p.at, a.slug, v.title, p.version, p.kind, p.section, p.scope, p.by, to_char(p.at AT TIME ZONE $3, 'YYYY-MM-DD') AS day
         FROM kb_publications p
         JOIN kb_answers a ON a.id = p.answer_id
         LEFT JOIN kb_versions v ON v.answer_id = p.answer_id AND v.version = p.version
        WHERE p.at >= $1 AND p.at < $2 ${section} ${region}
        ORDER BY p.at DESC, p.id DESC`,
      params,
    );
    const zero = () => ({ new: 0, update: 0, archive: 0 });
    const totals = zero();
    const bySection = new Map<string, ReturnType<typeof zero>>();
    const byDay = new Map<string, ReturnType<typeof zero>>();
    for (const row of r.rows) {
      totals[row.kind]++;
      (bySection.get(row.section) ?? bySection.set(row.section, zero()).get(row.section)!)[row.kind]++;
      (byDay.get(row.day) ?? byDay.set(row.day, zero()).get(row.day)!)[row.kind]++;
    }
    return {
      from: f.from.toISOString(),
      to: f.to.toISOString(),
      totals,
      bySection: [...bySection].map(([section, c]) => ({ section, ...c })).sort((a, b) => b.new + b.update - (a.new + a.update)),
      byDay: [...byDay].map(([day, c]) => ({ day, ...c })).sort((a, b) => a.day.localeCompare(b.day)),
      items: r.rows.slice(0, f.limit).map((x) => ({ at: x.at.toISOString(), slug: x.slug, title: x.title, version: x.version, kind: x.kind, section: x.section, scope: x.scope, by: x.by })),
    };
  }
}
