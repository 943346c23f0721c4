// The synonym and abbreviation dictionary editors maintain (ковид = коронавирус, СФР = Социальный
// фонд …). Search reloads it on every change, on every node, through an event.
import { z } from 'zod';
import { authorize } from '../platform/access/authorize.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Db, Queryable } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import { kbTopics } from './events.ts';

export const synonymTermsSchema = z
  .array(z.string().trim().toLowerCase().min(1).max(100))
  .min(2, 'a group needs at least two terms')
  .max(50)
  .transform((terms) => [...new Set(terms.map((t) => t.replaceAll('ё', 'е')))])
  .refine((terms) => terms.length >= 2, 'a group needs at least two different terms')
  .describe('Terms that mean the same: words, abbreviations or phrases');

export const synonymGroupSchema = z.object({ id: z.number().int(), terms: z.array(z.string()), updatedAt: z.string(), updatedBy: z.string().nullable() }).meta({ id: 'SynonymGroup' });
export type SynonymGroup = z.infer<typeof synonymGroupSchema>;

interface Row {
  id: number;
  terms: string[];
  updated_at: Date;
  updated_by: string | null;
}

const present = (r: Row): SynonymGroup => ({ id: r.id, terms: r.terms, updatedAt: r.updated_at.toISOString(), updatedBy: r.updated_by });
const groupNotFound = (id: number) => notFound('kb.synonym_not_found', `There is no synonym group ${id}.`);
const who = (ctx: ActorContext) => ctx.principal?.username ?? ctx.name ?? null;

export class SynonymsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async all(db: Queryable = this.db): Promise<SynonymGroup[]> {
    return (await db.query<Row>('SELECT * FROM kb_synonyms ORDER BY id')).rows.map(present);
  }

  async create(ctx: ActorContext, terms: string[]): Promise<SynonymGroup> {
    authorize(ctx, 'kb.synonyms.write', { region: 'federal' });
    return this.db.transaction(async (tx) => {
      const r = await tx.query<Row>('INSERT INTO kb_synonyms (terms, updated_by) VALUES ($1, $2) RETURNING *', [terms, who(ctx)]);
      await this.changed(ctx, tx, 'kb.synonyms.create', r.rows[0]!.id, terms);
      return present(r.rows[0]!);
    });
  }

  async update(ctx: ActorContext, id: number, terms: string[]): Promise<SynonymGroup> {
    authorize(ctx, 'kb.synonyms.write', { region: 'federal' });
    return this.db.transaction(async (tx) => {
      const r = await tx.query<Row>('UPDATE kb_synonyms SET terms = $2, updated_at = now(), updated_by = $3 WHERE id = $1 RETURNING *', [id, terms, who(ctx)]);
      if (!r.rows[0]) throw groupNotFound(id);
      await this.changed(ctx, tx, 'kb.synonyms.update', id, terms);
      return present(r.rows[0]);
    });
  }

  async remove(ctx: ActorContext, id: number): Promise<void> {
    authorize(ctx, 'kb.synonyms.write', { region: 'federal' });
    await this.db.transaction(async (tx) => {
      const r = await tx.query('DELETE FROM kb_synonyms WHERE id = $1', [id]);
      if (!r.rowCount) throw groupNotFound(id);
      await this.changed(ctx, tx, 'kb.synonyms.delete', id, []);
    });
  }

  /** Loads a dictionary file's groups when the table is empty (first start, demo). */
  async seed(ctx: ActorContext, groups: string[][]): Promise<number> {
    return this.db.transaction(async (tx) => {
      if ((await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM kb_synonyms')).rows[0]!.n > 0) return 0;
      for (const terms of groups) await tx.query('INSERT INTO kb_synonyms (terms, updated_by) VALUES ($1, $2)', [synonymTermsSchema.parse(terms), who(ctx)]);
      await kbTopics.publish(tx, 'kb.synonyms.changed', { seeded: groups.length });
      return groups.length;
    });
  }

  private async changed(ctx: ActorContext, tx: Queryable, action: string, id: number, terms: string[]) {
    await this.audit.record(ctx, { action, targetType: 'synonym_group', targetId: id, details: { terms } }, tx);
    await kbTopics.publish(tx, 'kb.synonyms.changed', { id });
  }
}
