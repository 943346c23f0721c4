// Bulk import of approved answers (idempotent upsert by slug; each changed answer gets a new
// published version) and export of what is live.
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Db } from '../platform/db/database.ts';
import { badRequest } from '../platform/errors.ts';
import * as q from './answers-queries.ts';
import type { AnswersService } from './answers-service.ts';
import type { AnswerRecord } from './import-file.ts';
import { contentOf, sameContent } from './present.ts';

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

const who = (ctx: ActorContext) => ctx.principal?.username ?? ctx.name ?? null;

export class KnowledgeImportService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly answers: AnswersService,
  ) {}

  /** All records in one transaction: every one lands, or none does. Federal answers first, then supplements. */
  async importRecords(ctx: ActorContext, records: AnswerRecord[], onProgress?: (done: number, total: number) => void): Promise<ImportSummary> {
    authorize(ctx, 'kb.import', { region: FEDERAL });
    const ordered = [...records].sort((a, b) => Number(a.scope !== FEDERAL) - Number(b.scope !== FEDERAL));
    const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0 };
    await this.db.transaction(async (tx) => {
      for (const [i, r] of ordered.entries()) {
        const { slug, scope, parent } = r;
        const content = {
          title: r.title,
          body: r.body,
          section: r.section,
          tags: r.tags,
          audience: r.audience,
          alternatives: r.alternatives,
          related: r.related,
          validFrom: r.validFrom,
          validUntil: r.validUntil,
          agency: r.agency,
          sources: r.sources,
        };
        let a = await q.answerBySlug(tx, slug, true);
        if (a && a.scope !== scope) throw badRequest('kb.import_scope_change', `"${slug}" exists with scope ${a.scope}; the file says ${scope}. Change of scope is not done by import.`);
        if (!a) {
          let parentId: number | null = null;
          if (scope !== FEDERAL) {
            const p = await q.answerBySlug(tx, parent!);
            if (!p || p.scope !== FEDERAL) throw badRequest('kb.parent_invalid', `"${slug}": parent "${parent}" is not a federal answer.`);
            parentId = p.id;
          }
          const id = await q.insertAnswer(tx, { slug, scope, parentId, status: 'draft', by: who(ctx) });
          await q.insertVersion(tx, id, 1, { ...content, note: 'imported' }, who(ctx));
          a = (await q.answerBySlug(tx, slug))!;
          summary.created++;
        } else {
          const live = a.published_version ? await q.versionOf(tx, a.id, a.published_version) : undefined;
          if (live && !a.archived_at && sameContent(contentOf(live), content)) {
            summary.unchanged++;
            onProgress?.(i + 1, ordered.length);
            continue;
          }
          const version = a.current_version + 1;
          await q.insertVersion(tx, a.id, version, { ...content, note: 'imported' }, who(ctx));
          await q.updateAnswer(tx, a.id, { current_version: version, archived_at: null });
          a = (await q.answerBySlug(tx, slug))!;
          summary.updated++;
        }
        await this.answers.publishVersion(ctx, tx, a, (await q.versionOf(tx, a.id, a.current_version))!);
        onProgress?.(i + 1, ordered.length);
      }
      await this.audit.record(ctx, { action: 'kb.import', targetType: 'answer', details: { ...summary } }, tx);
    });
    return summary;
  }

  /** Every live answer in the exchange format. */
  async exportPublished(ctx: ActorContext): Promise<AnswerRecord[]> {
    authorize(ctx, 'kb.import', { region: FEDERAL });
    const rows = await q.publishedAnswers(this.db);
    await this.audit.record(ctx, { action: 'kb.export', targetType: 'answer', details: { count: rows.length } });
    return rows.map((r) => ({ slug: r.slug, scope: r.scope, ...(r.parent_slug ? { parent: r.parent_slug } : {}), ...contentOf(r) }));
  }
}
