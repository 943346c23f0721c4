// Answers and their workflow: draft -> in review -> published -> archived. An editor writes;
// another editor or a coordinator approves; publishing is atomic, audited, and announced as an
// event that reaches operators' workstations, the search index and the portal.
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import { pgCode, type Db, type Queryable } from '../platform/db/database.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../platform/errors.ts';
import * as q from './answers-queries.ts';
import { contentOf, presentEditorAnswer, presentRecord, presentVersion, sameContent } from './present.ts';
import type { EditAnswer, EditorAnswer, NewAnswer, PublishedAnswer, PublishedRecord, VersionView } from './schema.ts';
import { diffContent, type FieldDiff } from './diff.ts';
import { kbTopics, type PublishedEvent } from './events.ts';

export const answerNotFound = (slug: string) => notFound('kb.answer_not_found', `There is no answer "${slug}".`);

const who = (ctx: ActorContext) => ctx.principal?.username ?? ctx.name ?? null;

export class AnswersService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** Loads an answer for a staff action, checking the permission against the answer's region. */
  private async load(ctx: ActorContext, tx: Queryable, slug: string, permission: 'kb.write' | 'kb.review' | 'kb.archive' | 'kb.read_drafts', forUpdate = false) {
    const a = await q.answerBySlug(tx, slug, forUpdate);
    if (!a) {
      authorize(ctx, permission);
      throw answerNotFound(slug);
    }
    // Federal answers are every editor's to read (writing them needs a federal editor); another
    // region's supplement does not even exist for a regional user.
    if (a.scope === FEDERAL) authorize(ctx, permission, permission === 'kb.read_drafts' ? {} : { region: FEDERAL });
    else authorize(ctx, permission, { region: a.scope, notFound: answerNotFound(slug) });
    return a;
  }

  private async editorView(tx: Queryable, slug: string): Promise<EditorAnswer> {
    const a = (await q.answerBySlug(tx, slug))!;
    return presentEditorAnswer(a, (await q.versionOf(tx, a.id, a.current_version))!);
  }

  async create(ctx: ActorContext, input: NewAnswer): Promise<EditorAnswer> {
    authorize(ctx, 'kb.write', { region: input.scope });
    return this.db.transaction(async (tx) => {
      let parentId: number | null = null;
      if (input.scope !== FEDERAL) {
        if (!input.parent)
          throw badRequest('kb.parent_required', 'A regional supplement needs `parent`: the slug of the federal answer it belongs under.', {
            errors: [{ path: 'parent', message: 'required for a regional supplement' }],
          });
        const parent = await q.answerBySlug(tx, input.parent);
        if (!parent || parent.scope !== FEDERAL) throw badRequest('kb.parent_invalid', `"${input.parent}" is not a federal answer.`, { errors: [{ path: 'parent', message: 'not a federal answer' }] });
        parentId = parent.id;
      } else if (input.parent) {
        throw badRequest('kb.parent_invalid', 'Only regional supplements have a parent.', { errors: [{ path: 'parent', message: 'only for regional supplements' }] });
      }
      try {
        const id = await q.insertAnswer(tx, { slug: input.slug, scope: input.scope, parentId, status: 'draft', by: who(ctx) });
        await q.insertVersion(tx, id, 1, input, who(ctx));
      } catch (e) {
        if (pgCode(e) === '23505') throw conflict('kb.slug_taken', `An answer with the slug "${input.slug}" exists already.`);
        throw e;
      }
      await this.audit.record(ctx, { action: 'kb.answer.create', targetType: 'answer', targetId: input.slug, region: input.scope === FEDERAL ? null : input.scope }, tx);
      return this.editorView(tx, input.slug);
    });
  }

  /** Saves a new version. It goes back to draft: a review in progress is for the old text. */
  async edit(ctx: ActorContext, slug: string, input: EditAnswer): Promise<EditorAnswer> {
    return this.db.transaction(async (tx) => {
      const a = await this.load(ctx, tx, slug, 'kb.write', true);
      if (a.status === 'archived') throw conflict('kb.archived', `"${slug}" is archived; restore it before editing.`);
      if (input.baseVersion !== undefined && input.baseVersion !== a.current_version) {
        throw conflict('kb.version_conflict', `"${slug}" was changed meanwhile: you edited version ${input.baseVersion}, the latest is ${a.current_version}. Reload and apply your change again.`, {
          currentVersion: a.current_version,
        });
      }
      const current = (await q.versionOf(tx, a.id, a.current_version))!;
      const { note, baseVersion: _base, ...content } = input;
      if (sameContent(contentOf(current), content)) return this.editorView(tx, slug);
      const version = a.current_version + 1;
      await q.insertVersion(tx, a.id, version, { ...content, note }, who(ctx));
      await q.updateAnswer(tx, a.id, { current_version: version, status: 'draft', review_version: null, review_requested_by: null, review_requested_at: null });
      await this.audit.record(ctx, { action: 'kb.answer.edit', targetType: 'answer', targetId: slug, region: a.scope === FEDERAL ? null : a.scope, details: { version } }, tx);
      return this.editorView(tx, slug);
    });
  }

  async submit(ctx: ActorContext, slug: string): Promise<EditorAnswer> {
    return this.db.transaction(async (tx) => {
      const a = await this.load(ctx, tx, slug, 'kb.write', true);
      if (a.status !== 'draft') throw conflict('kb.invalid_transition', `"${slug}" is ${a.status}; only a draft can be sent for review.`);
      await q.updateAnswer(tx, a.id, { status: 'in_review', review_version: a.current_version, review_requested_by: who(ctx), review_requested_at: new Date(), review_comment: null });
      await this.audit.record(ctx, { action: 'kb.answer.submit', targetType: 'answer', targetId: slug, region: a.scope === FEDERAL ? null : a.scope, details: { version: a.current_version } }, tx);
      return this.editorView(tx, slug);
    });
  }

  /** Approves the version under review and publishes it, atomically. */
  async approve(ctx: ActorContext, slug: string): Promise<EditorAnswer> {
    return this.db.transaction(async (tx) => {
      const a = await this.load(ctx, tx, slug, 'kb.review', true);
      if (a.status !== 'in_review' || a.review_version === null) throw conflict('kb.invalid_transition', `"${slug}" is ${a.status}; only an answer in review can be approved.`);
      const v = (await q.versionOf(tx, a.id, a.review_version))!;
      const me = who(ctx);
      if (ctx.principal && (me === a.review_requested_by || me === v.created_by)) {
        throw forbidden('kb.self_review', 'Another editor or a coordinator must approve this: you wrote it or sent it for review.');
      }
      await this.publishVersion(ctx, tx, a, v);
      await this.audit.record(ctx, { action: 'kb.answer.publish', targetType: 'answer', targetId: slug, region: a.scope === FEDERAL ? null : a.scope, details: { version: v.version } }, tx);
      return this.editorView(tx, slug);
    });
  }

  async reject(ctx: ActorContext, slug: string, comment: string): Promise<EditorAnswer> {
    return this.db.transaction(async (tx) => {
      const a = await this.load(ctx, tx, slug, 'kb.review', true);
      if (a.status !== 'in_review') throw conflict('kb.invalid_transition', `"${slug}" is ${a.status}; only an answer in review can be sent back.`);
      await q.updateAnswer(tx, a.id, { status: 'draft', review_version: null, review_comment: comment });
      await this.audit.record(ctx, { action: 'kb.answer.reject', targetType: 'answer', targetId: slug, region: a.scope === FEDERAL ? null : a.scope, details: { comment } }, tx);
      return this.editorView(tx, slug);
    });
  }

  /** Withdraws an answer from operators and the portal (its supplements go with it). */
  async archive(ctx: ActorContext, slug: string, reason?: string): Promise<EditorAnswer> {
    return this.db.transaction(async (tx) => {
      const a = await this.load(ctx, tx, slug, 'kb.archive', true);
      if (a.status === 'archived') return this.editorView(tx, slug);
      for (const target of [slug, ...(await q.liveChildrenOf(tx, a.id))]) {
        const row = (await q.answerBySlug(tx, target, true))!;
        const v = (await q.versionOf(tx, row.id, row.published_version ?? row.current_version))!;
        await q.updateAnswer(tx, row.id, { status: 'archived', archived_at: new Date(), published_version: null, review_version: null });
        if (row.published_version !== null) {
          await q.insertPublication(tx, { answerId: row.id, version: null, kind: 'archive', section: v.section, scope: row.scope, by: who(ctx) });
          await kbTopics.publish(tx, 'kb.answer.archived', { slug: target, scope: row.scope, parent: row.parent_slug, section: v.section });
        }
        await this.audit.record(
          ctx,
          { action: 'kb.answer.archive', targetType: 'answer', targetId: target, region: row.scope === FEDERAL ? null : row.scope, details: { reason: reason ?? null } },
          tx,
        );
      }
      return this.editorView(tx, slug);
    });
  }

  /** Brings an archived answer back as a draft; it must be reviewed again to go live. */
  async restore(ctx: ActorContext, slug: string): Promise<EditorAnswer> {
    return this.db.transaction(async (tx) => {
      const a = await this.load(ctx, tx, slug, 'kb.archive', true);
      if (a.status !== 'archived') throw conflict('kb.invalid_transition', `"${slug}" is not archived.`);
      await q.updateAnswer(tx, a.id, { status: 'draft', archived_at: null });
      await this.audit.record(ctx, { action: 'kb.answer.restore', targetType: 'answer', targetId: slug, region: a.scope === FEDERAL ? null : a.scope }, tx);
      return this.editorView(tx, slug);
    });
  }

  /** Makes a version the live one and announces it. Used by approval and by import. */
  async publishVersion(ctx: ActorContext, tx: Queryable, a: q.AnswerRow, v: q.VersionRow): Promise<void> {
    const kind = a.first_published_at ? 'update' : 'new';
    const now = new Date();
    await q.updateAnswer(tx, a.id, {
      status: 'published',
      published_version: v.version,
      review_version: null,
      review_comment: null,
      published_at: now,
      published_by: who(ctx),
      first_published_at: a.first_published_at ?? now,
    });
    await q.insertPublication(tx, { answerId: a.id, version: v.version, kind, section: v.section, scope: a.scope, by: who(ctx) });
    const event: PublishedEvent = { slug: a.slug, scope: a.scope, parent: a.parent_slug, version: v.version, section: v.section, kind };
    await kbTopics.publish(tx, 'kb.answer.published', event);
  }

  /** How many answers exist in any state. */
  async count(): Promise<number> {
    return q.countAnswers(this.db);
  }

  // --- reading -------------------------------------------------------------------------------

  /** A live answer with the supplement for a region; anyone may read it. */
  async published(slug: string, region?: string): Promise<PublishedAnswer> {
    const row = await q.publishedBySlug(this.db, slug);
    if (!row) throw answerNotFound(slug);
    const supplement = region && row.scope === FEDERAL ? await q.publishedSupplement(this.db, slug, region) : undefined;
    return {
      slug: row.slug,
      scope: row.scope,
      parent: row.parent_slug,
      ...contentOf(row),
      related: await q.titlesOf(this.db, row.related),
      version: row.version,
      publishedAt: row.published_at?.toISOString() ?? null,
      firstPublishedAt: row.first_published_at?.toISOString() ?? null,
      supplement: supplement
        ? { slug: supplement.slug, region: supplement.scope, title: supplement.title, body: supplement.body, version: supplement.version, publishedAt: supplement.published_at?.toISOString() ?? null }
        : null,
    };
  }

  /** Every live answer and supplement (public data), for a reader that keeps its own copy. */
  async allPublished(): Promise<PublishedRecord[]> {
    return (await q.publishedAnswers(this.db)).map(presentRecord);
  }

  /** One live answer or supplement as a whole; undefined when it is not live (never published, or archived). */
  async publishedRecord(slug: string): Promise<PublishedRecord | undefined> {
    const row = await q.publishedBySlug(this.db, slug);
    return row ? presentRecord(row) : undefined;
  }

  async forEditor(ctx: ActorContext, slug: string): Promise<EditorAnswer> {
    await this.load(ctx, this.db, slug, 'kb.read_drafts');
    return this.editorView(this.db, slug);
  }

  async versions(ctx: ActorContext, slug: string): Promise<VersionView[]> {
    const a = await this.load(ctx, this.db, slug, 'kb.read_drafts');
    return (await q.versionsOf(this.db, a.id)).map(presentVersion);
  }

  async diff(ctx: ActorContext, slug: string, from: number, to: number): Promise<{ from: number; to: number; changes: FieldDiff[] }> {
    const a = await this.load(ctx, this.db, slug, 'kb.read_drafts');
    const [x, y] = await Promise.all([q.versionOf(this.db, a.id, from), q.versionOf(this.db, a.id, to)]);
    const missing = !x ? from : !y ? to : null;
    if (missing !== null) throw new AppError(404, 'kb.version_not_found', `"${slug}" has no version ${missing}; it has versions 1 to ${a.current_version}.`);
    return { from, to, changes: diffContent(contentOf(x!), contentOf(y!)) };
  }

  async list(ctx: ActorContext, f: Omit<q.ListFilter, 'scope'> & { scope?: string }): Promise<(EditorAnswer & { title: string })[]> {
    authorize(ctx, 'kb.read_drafts', f.scope && f.scope !== FEDERAL ? { region: f.scope } : {});
    const own = ctx.principal && ctx.principal.region !== FEDERAL ? ctx.principal.region : null;
    const rows = await q.listAnswers(this.db, { ...f, ...(own && !f.scope ? { scopes: [FEDERAL, own] } : {}) });
    const working = await q.versionsByAnswer(
      this.db,
      rows.map((r) => ({ answerId: r.id, version: r.current_version })),
    );
    return rows.map(({ title, section: _section, ...a }) => ({ ...presentEditorAnswer(a, working.get(a.id)!), title }));
  }

  /** Sections of the federal knowledge base with their number of published answers (public). */
  async sections(): Promise<{ name: string; answers: number }[]> {
    return q.publishedSections(this.db);
  }
}
