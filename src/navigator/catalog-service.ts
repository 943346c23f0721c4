// The navigator's questions and measures and their workflow: draft -> in review -> published ->
// archived, as the knowledge base's answers. An editor writes; another editor or a coordinator
// approves. Every content is checked when saved (a measure's rule against the questions), and the
// whole catalogue that would result when a change is approved or withdrawn, so the wizard never
// runs on a rule that names a question it does not have. Measures and questions are federal:
// a regional account may read them, never change them.
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import { pgCode, type Db, type Queryable } from '../platform/db/database.ts';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.ts';
import { CatalogError, measureSchema, type NavigatorCatalog } from './catalog-schema.ts';
import * as q from './catalog-queries.ts';
import type { EditEntry, EditorEntry, EntryVersionView, NewEntry } from './entry-schema.ts';
import { navigatorTopics, type CatalogChanged } from './events.ts';
import { catalogOf, type LiveNavigator } from './live-catalog.ts';
import { checkRule, ruleVars, type Rule, type RuleProblem } from './rules.ts';

type Kind = q.EntryKind;

const noun = { question: 'question', measure: 'measure' } as const;
export const entryNotFound = (kind: Kind, key: string) => notFound('navigator.entry_not_found', `There is no ${noun[kind]} "${key}".`);

const who = (ctx: ActorContext) => ctx.principal?.username ?? ctx.name ?? null;
const keyOf = (kind: Kind, content: Record<string, unknown>) => String(kind === 'question' ? content.var : content.id);

/** JSON with its keys sorted: jsonb keeps keys in its own order, so contents are compared this way. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x);
}
const sameContent = (a: unknown, b: unknown) => canonical(a) === canonical(b);

const problems400 = (detail: string, errors: RuleProblem[]) => badRequest('navigator.invalid_content', `${detail}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors });

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  archived: number;
}

export class NavigatorCatalogService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly live: LiveNavigator,
  ) {}

  // --- reading (editors and coordinators of any region: the catalogue is the same everywhere) ----

  async list(ctx: ActorContext, f: q.ListFilter): Promise<{ items: EditorEntry[]; total: number }> {
    authorize(ctx, 'navigator.review');
    const { rows, total } = await q.listEntries(this.db, f);
    return { items: rows.map(({ working, ...e }) => present(e, working)), total };
  }

  async forEditor(ctx: ActorContext, kind: Kind, key: string): Promise<EditorEntry> {
    authorize(ctx, 'navigator.review');
    const e = await q.entryByKey(this.db, kind, key);
    if (!e) throw entryNotFound(kind, key);
    return this.view(this.db, e);
  }

  async versions(ctx: ActorContext, kind: Kind, key: string): Promise<EntryVersionView[]> {
    authorize(ctx, 'navigator.review');
    const e = await q.entryByKey(this.db, kind, key);
    if (!e) throw entryNotFound(kind, key);
    return (await q.versionsOf(this.db, e.id)).map(presentVersion);
  }

  // --- writing ---------------------------------------------------------------------------------

  async create(ctx: ActorContext, kind: Kind, input: NewEntry): Promise<EditorEntry> {
    authorize(ctx, 'navigator.write', { region: FEDERAL });
    const key = keyOf(kind, input.content);
    return this.db.transaction(async (tx) => {
      const content = await this.checked(tx, kind, input.content);
      let id: number;
      try {
        id = await q.insertEntry(tx, { kind, key, status: 'draft', by: who(ctx) });
      } catch (e) {
        if (pgCode(e) === '23505') throw conflict('navigator.key_taken', `A ${noun[kind]} "${key}" exists already (perhaps archived: restore it instead).`);
        throw e;
      }
      await q.insertVersion(tx, id, 1, content, input.note ?? null, who(ctx));
      await this.record(ctx, tx, `navigator.${kind}.create`, key);
      return this.view(tx, (await q.entryByKey(tx, kind, key))!);
    });
  }

  /** Saves a new version. It goes back to draft: a review in progress is for the old content. */
  async edit(ctx: ActorContext, kind: Kind, key: string, input: EditEntry): Promise<EditorEntry> {
    authorize(ctx, 'navigator.write', { region: FEDERAL });
    return this.db.transaction(async (tx) => {
      const e = await this.load(tx, kind, key);
      if (e.status === 'archived') throw conflict('navigator.archived', `The ${noun[kind]} "${key}" is archived; restore it before editing.`);
      if (input.baseVersion !== undefined && input.baseVersion !== e.current_version) {
        throw conflict(
          'navigator.version_conflict',
          `The ${noun[kind]} "${key}" was changed meanwhile: you edited version ${input.baseVersion}, the latest is ${e.current_version}. Reload and apply your change again.`,
          { currentVersion: e.current_version },
        );
      }
      const field = kind === 'question' ? 'var' : 'id';
      if (keyOf(kind, input.content) !== key) {
        throw problems400(`The ${noun[kind]} cannot be renamed`, [
          { path: `body.content.${field}`, message: `Должно быть «${key}»: ${kind === 'question' ? 'имя вопроса' : 'код меры'} не меняется.` },
        ]);
      }
      const content = await this.checked(tx, kind, input.content);
      const current = (await q.versionOf(tx, e.id, e.current_version))!;
      if (sameContent(current.content, content)) return this.view(tx, e);
      const version = e.current_version + 1;
      await q.insertVersion(tx, e.id, version, content, input.note ?? null, who(ctx));
      await q.updateEntry(tx, e.id, { current_version: version, status: 'draft', review_version: null, review_requested_by: null, review_requested_at: null });
      await this.record(ctx, tx, `navigator.${kind}.edit`, key, { version });
      return this.view(tx, (await q.entryByKey(tx, kind, key))!);
    });
  }

  async submit(ctx: ActorContext, kind: Kind, key: string): Promise<EditorEntry> {
    authorize(ctx, 'navigator.write', { region: FEDERAL });
    return this.db.transaction(async (tx) => {
      const e = await this.load(tx, kind, key);
      if (e.status !== 'draft') throw conflict('navigator.invalid_transition', `The ${noun[kind]} "${key}" is ${e.status}; only a draft can be sent for review.`);
      await q.updateEntry(tx, e.id, { status: 'in_review', review_version: e.current_version, review_requested_by: who(ctx), review_requested_at: new Date(), review_comment: null });
      await this.record(ctx, tx, `navigator.${kind}.submit`, key, { version: e.current_version });
      return this.view(tx, (await q.entryByKey(tx, kind, key))!);
    });
  }

  /** Approves the version in review and publishes it, if the catalogue it makes holds together. */
  async approve(ctx: ActorContext, kind: Kind, key: string): Promise<EditorEntry> {
    authorize(ctx, 'navigator.review', { region: FEDERAL });
    const view = await this.db.transaction(async (tx) => {
      await q.lockCatalogue(tx);
      const e = await this.load(tx, kind, key);
      if (e.status !== 'in_review' || e.review_version === null) throw conflict('navigator.invalid_transition', `The ${noun[kind]} "${key}" is ${e.status}; only one in review can be approved.`);
      const v = (await q.versionOf(tx, e.id, e.review_version))!;
      const me = who(ctx);
      if (ctx.principal && (me === e.review_requested_by || me === v.created_by)) {
        throw forbidden('navigator.self_review', 'Another editor or a coordinator must approve this: you wrote it or sent it for review.');
      }
      const rows = (await q.publishedContents(tx)).filter((r) => !(r.kind === kind && r.key === key));
      rows.push({ kind, key, position: e.position, content: v.content });
      rows.sort((a, b) => a.position - b.position);
      wholeCatalogue(rows, `Publishing ${noun[kind]} "${key}" version ${v.version} would break the navigator's catalogue`);
      await q.updateEntry(tx, e.id, {
        status: 'published',
        published_version: v.version,
        review_version: null,
        review_comment: null,
        published_at: new Date(),
        published_by: me,
        archived_at: null,
      });
      await this.record(ctx, tx, `navigator.${kind}.publish`, key, { version: v.version });
      await this.changed(tx, { kind, key, action: 'published', version: v.version });
      return this.view(tx, (await q.entryByKey(tx, kind, key))!);
    });
    await this.live.reload();
    return view;
  }

  async reject(ctx: ActorContext, kind: Kind, key: string, comment: string): Promise<EditorEntry> {
    authorize(ctx, 'navigator.review', { region: FEDERAL });
    return this.db.transaction(async (tx) => {
      const e = await this.load(tx, kind, key);
      if (e.status !== 'in_review') throw conflict('navigator.invalid_transition', `The ${noun[kind]} "${key}" is ${e.status}; only one in review can be sent back.`);
      await q.updateEntry(tx, e.id, { status: 'draft', review_version: null, review_comment: comment });
      await this.record(ctx, tx, `navigator.${kind}.reject`, key, { comment });
      return this.view(tx, (await q.entryByKey(tx, kind, key))!);
    });
  }

  /** Withdraws an entry from the wizard, the operators and the export. A question a published measure asks stays. */
  async archive(ctx: ActorContext, kind: Kind, key: string, reason?: string): Promise<EditorEntry> {
    authorize(ctx, 'navigator.review', { region: FEDERAL });
    let wasLive = false;
    const view = await this.db.transaction(async (tx) => {
      await q.lockCatalogue(tx);
      const e = await this.load(tx, kind, key);
      if (e.status === 'archived') return this.view(tx, e);
      const published = await q.publishedContents(tx);
      if (kind === 'question') {
        const users = published.filter((r) => r.kind === 'measure' && ruleVars((r.content as { eligibility: Rule }).eligibility).includes(key)).map((r) => r.key);
        if (users.length) {
          throw conflict('navigator.question_in_use', `The question "${key}" is asked by published measures: ${users.join(', ')}. Change or archive them first.`, {
            measures: users,
            errors: users.map((m) => ({ path: `measures.${m}.eligibility`, message: `Мера «${m}» задаёт вопрос «${key}».` })),
          });
        }
      }
      wasLive = e.published_version !== null;
      if (wasLive)
        wholeCatalogue(
          published.filter((r) => !(r.kind === kind && r.key === key)),
          `Archiving ${noun[kind]} "${key}" would break the navigator's catalogue`,
        );
      await q.updateEntry(tx, e.id, { status: 'archived', archived_at: new Date(), published_version: null, review_version: null });
      await this.record(ctx, tx, `navigator.${kind}.archive`, key, { reason: reason ?? null });
      if (wasLive) await this.changed(tx, { kind, key, action: 'archived', version: null });
      return this.view(tx, (await q.entryByKey(tx, kind, key))!);
    });
    if (wasLive) await this.live.reload();
    return view;
  }

  /** Brings an archived entry back as a draft; it must be reviewed again to go live. */
  async restore(ctx: ActorContext, kind: Kind, key: string): Promise<EditorEntry> {
    authorize(ctx, 'navigator.review', { region: FEDERAL });
    return this.db.transaction(async (tx) => {
      const e = await this.load(tx, kind, key);
      if (e.status !== 'archived') throw conflict('navigator.invalid_transition', `The ${noun[kind]} "${key}" is not archived.`);
      await q.updateEntry(tx, e.id, { status: 'draft', archived_at: null, review_comment: null });
      await this.record(ctx, tx, `navigator.${kind}.restore`, key);
      return this.view(tx, (await q.entryByKey(tx, kind, key))!);
    });
  }

  /**
   * Sets the questions' tie-break order: every question not archived, each once. It takes effect at
   * once, without review (it changes which question comes first on a tie, never who is eligible).
   */
  async reorder(ctx: ActorContext, order: string[]): Promise<{ order: string[] }> {
    authorize(ctx, 'navigator.review', { region: FEDERAL });
    await this.db.transaction(async (tx) => {
      await q.lockCatalogue(tx);
      const keys = (await q.workingContents(tx, 'question')).map((r) => r.key);
      const problems: RuleProblem[] = [];
      order.forEach((v, i) => {
        if (!keys.includes(v)) problems.push({ path: `body.order.${i}`, message: `Нет вопроса «${v}» (или он в архиве).` });
        else if (order.indexOf(v) !== i) problems.push({ path: `body.order.${i}`, message: `Вопрос «${v}» повторяется.` });
      });
      const missing = keys.filter((k) => !order.includes(k));
      if (missing.length) problems.push({ path: 'body.order', message: `Не хватает вопросов: ${missing.map((k) => `«${k}»`).join(', ')}.` });
      if (problems.length) throw problems400('The order must name every question not archived, each once', problems);
      for (const [i, key] of order.entries()) await q.setPosition(tx, 'question', key, i + 1);
      await this.record(ctx, tx, 'navigator.question.reorder', null, { order });
      await this.changed(tx, { kind: 'catalogue', key: null, action: 'reordered', version: null });
    });
    await this.live.reload();
    return { order };
  }

  // --- whole catalogues (the command line, the demo, tests) ---------------------------------------

  /**
   * Publishes a whole catalogue (already checked by parseCatalog): new entries as version 1, changed
   * ones as a new version, in the catalogue's order; published entries it does not hold are archived.
   * No review: for the command line and the system, who already hold the database.
   */
  async importCatalog(ctx: ActorContext, catalog: NavigatorCatalog): Promise<ImportSummary> {
    authorize(ctx, 'navigator.review', { region: FEDERAL });
    const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, archived: 0 };
    await this.db.transaction(async (tx) => {
      await q.lockCatalogue(tx);
      const place = new Map(catalog.order.map((v, i) => [v, i + 1]));
      const wanted: { kind: Kind; key: string; position: number; content: unknown }[] = [
        ...catalog.questions.map((c, i) => ({ kind: 'question' as const, key: c.var, position: place.get(c.var) ?? catalog.order.length + i + 1, content: c })),
        ...catalog.measures.map((c, i) => ({ kind: 'measure' as const, key: c.id, position: i + 1, content: c })),
      ];
      const now = new Date();
      const live = {
        status: 'published' as const,
        review_version: null,
        review_comment: null,
        review_requested_by: null,
        review_requested_at: null,
        archived_at: null,
        published_at: now,
        published_by: who(ctx),
      };
      for (const w of wanted) {
        const e = await q.entryByKey(tx, w.kind, w.key, true);
        if (!e) {
          const id = await q.insertEntry(tx, { kind: w.kind, key: w.key, status: 'published', by: who(ctx), position: w.position });
          await q.insertVersion(tx, id, 1, w.content, 'imported', who(ctx));
          await q.updateEntry(tx, id, { ...live, published_version: 1 });
          summary.created++;
          continue;
        }
        const current = (await q.versionOf(tx, e.id, e.current_version))!;
        if (e.status === 'published' && e.published_version === e.current_version && sameContent(current.content, w.content)) {
          if (e.position !== w.position) await q.updateEntry(tx, e.id, { position: w.position });
          summary.unchanged++;
          continue;
        }
        const version = sameContent(current.content, w.content) ? e.current_version : e.current_version + 1;
        if (version !== e.current_version) await q.insertVersion(tx, e.id, version, w.content, 'imported', who(ctx));
        await q.updateEntry(tx, e.id, { ...live, current_version: version, published_version: version, position: w.position });
        summary.updated++;
      }
      const keep = new Set(wanted.map((w) => `${w.kind}:${w.key}`));
      for (const r of await q.publishedContents(tx)) {
        if (keep.has(`${r.kind}:${r.key}`)) continue;
        const e = (await q.entryByKey(tx, r.kind, r.key, true))!;
        await q.updateEntry(tx, e.id, { status: 'archived', archived_at: now, published_version: null, review_version: null });
        summary.archived++;
      }
      await this.record(ctx, tx, 'navigator.catalog.import', null, { ...summary });
      await this.changed(tx, { kind: 'catalogue', key: null, action: 'imported', version: null });
    });
    await this.live.reload();
    return summary;
  }

  /** Publishes the catalogue as version 1 when nothing is stored yet; how many entries it loaded. */
  async seed(ctx: ActorContext, catalog: NavigatorCatalog): Promise<number> {
    if ((await q.countEntries(this.db)) > 0) return 0;
    const s = await this.importCatalog(ctx, catalog);
    return s.created;
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** The content as stored: a measure's rule checked against the questions not archived (their working copies). */
  private async checked(tx: Queryable, kind: Kind, content: Record<string, unknown>): Promise<unknown> {
    if (kind === 'question') return content;
    const questions = (await q.workingContents(tx, 'question')).map((r) => r.content as Parameters<typeof checkRule>[1][number]);
    const problems = checkRule(content.eligibility, questions, 'body.content.eligibility');
    if (problems.length) throw problems400('The eligibility rule is wrong', problems);
    const m = measureSchema.safeParse(content);
    if (!m.success)
      throw problems400(
        'The measure is wrong',
        m.error.issues.map((i) => ({ path: ['body', 'content', ...i.path.map(String)].join('.'), message: i.message })),
      );
    return m.data;
  }

  private async load(tx: Queryable, kind: Kind, key: string): Promise<q.EntryRow> {
    const e = await q.entryByKey(tx, kind, key, true);
    if (!e) throw entryNotFound(kind, key);
    return e;
  }

  private async view(db: Queryable, e: q.EntryRow): Promise<EditorEntry> {
    return present(e, (await q.versionOf(db, e.id, e.current_version))!);
  }

  private record(ctx: ActorContext, tx: Queryable, action: string, key: string | null, details?: Record<string, unknown>): Promise<void> {
    return this.audit.record(ctx, { action, targetType: 'navigator', ...(key === null ? {} : { targetId: key }), region: null, ...(details ? { details } : {}) }, tx);
  }

  private changed(tx: Queryable, c: CatalogChanged): Promise<void> {
    return navigatorTopics.publish(tx, 'navigator.catalog.changed', c);
  }
}

/** Throws 409 with every problem of the catalogue these published contents make. */
function wholeCatalogue(rows: q.ContentRow[], detail: string): void {
  try {
    catalogOf(rows);
  } catch (e) {
    if (!(e instanceof CatalogError)) throw e;
    throw conflict('navigator.catalog_invalid', `${detail}: ${e.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { errors: e.problems });
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentVersion(v: q.VersionRow): EntryVersionView {
  return { version: v.version, content: v.content as Record<string, unknown>, note: v.note, createdAt: v.created_at.toISOString(), createdBy: v.created_by };
}

function present(e: q.EntryRow, working: q.VersionRow): EditorEntry {
  return {
    kind: e.kind,
    key: e.key,
    status: e.status,
    currentVersion: e.current_version,
    publishedVersion: e.published_version,
    reviewVersion: e.review_version,
    reviewRequestedBy: e.review_requested_by,
    reviewComment: e.review_comment,
    position: e.position,
    createdAt: e.created_at.toISOString(),
    createdBy: e.created_by,
    updatedAt: e.updated_at.toISOString(),
    publishedAt: iso(e.published_at),
    publishedBy: e.published_by,
    archivedAt: iso(e.archived_at),
    working: presentVersion(working),
  };
}
