// An appeal's life after it is filed: agency officers of the organisation it is routed to (in their
// region) read it — each reading of the appellant's data in the audit log — take it, answer, close,
// reject it on a ground of 59-FZ art. 11, redirect it to another organisation, extend its term once,
// and comment (internally, or to the citizen). The citizen reads the status and the answer with the
// number and the secret code. Every step is kept in the appeal's history.
import { timingSafeEqual } from 'node:crypto';
import { authorize, requirePrincipal } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext, type Principal } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Db, Queryable } from '../platform/db/database.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import type { AppealsCatalog } from './catalog.ts';
import type { Organisation } from './types-schema.ts';
import { afterRedirect, DEFAULT_DEADLINE_RULES, dueDates, dueOn, extend } from './deadlines.ts';
import { codeHash, sealContext } from './intake.ts';
import { rejectReasons, type RejectReason } from './reject-reasons.ts';
import type { Sealer } from './sealer.ts';
import { answerAttachmentsOf, attachmentContent, attachmentsOf, checkFiles, fileContext, fileNameContext, storeFiles, type AttachmentRow, type IncomingFile } from './attachments.ts';
import * as q from './appeals-queries.ts';
import { appealsTopics, type AppealChanged, type AppealStep } from './events.ts';

const OPEN: readonly q.AppealStatus[] = ['registered', 'forwarded', 'in_progress', 'redirected'];

const notFoundAppeal = (number: string) => notFound('appeal.not_found', `There is no appeal ${number} in your organisation's work.`);

export type Action =
  | { action: 'take' }
  | { action: 'answer'; text: string; files?: IncomingFile[] | undefined }
  | { action: 'close' }
  | { action: 'reject'; reason: RejectReason; note?: string | undefined }
  | { action: 'redirect'; organisation: string; note?: string | undefined }
  | { action: 'extend'; days: number; reason: string }
  | { action: 'comment'; text: string; visibility: 'internal' | 'citizen' };

/** What the citizen is told of each status. */
export const statusWords: Record<q.AppealStatus, string> = {
  registered: 'Зарегистрировано',
  forwarded: 'Направлено в организацию',
  in_progress: 'Рассматривается',
  answered: 'Дан ответ',
  closed: 'Рассмотрение завершено',
  rejected: 'Оставлено без ответа по существу',
  redirected: 'Перенаправлено в другую организацию',
};

export interface Personal {
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  text: string;
  values: Record<string, string | number | string[]>;
}

export class AppealsWork {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly catalog: AppealsCatalog,
    private readonly sealer: Sealer,
    private readonly key: Buffer,
    private readonly timezoneOf: (region: string) => Promise<string>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The officer's organisation; an officer no admin has attached to one works nothing. */
  private async officer(ctx: ActorContext): Promise<{ p: Principal; organisationId: number }> {
    const p = authorize(ctx, 'appeals.work')!;
    const organisationId = await this.catalog.officerOrganisation(p.userId);
    if (organisationId === null) throw notFound('appeal.no_organisation', 'Your account is not attached to an organisation yet: an administrator attaches it.');
    return { p, organisationId };
  }

  private mine(a: q.AppealRow | undefined, o: { p: Principal; organisationId: number }, number: string): q.AppealRow {
    if (!a || a.organisation_id !== o.organisationId || (o.p.region !== FEDERAL && a.region_code !== o.p.region)) throw notFoundAppeal(number);
    return a;
  }

  private async zoneOf(organisationId: number): Promise<string> {
    const org = await this.catalog.organisation(organisationId);
    return org?.timezone ?? (await this.timezoneOf(org?.region ?? '77'));
  }

  /** The officer's appeals, soonest due first: masked values only. */
  async list(ctx: ActorContext, f: { status?: q.AppealStatus[]; due?: 'overdue' | 'soon'; limit: number; after?: string }) {
    const o = await this.officer(ctx);
    const now = this.clock();
    const after = f.after ? parseCursor(f.after) : undefined;
    const rows = await q.listAppeals(this.db, {
      organisationId: o.organisationId,
      ...(o.p.region === FEDERAL ? {} : { regions: [o.p.region] }),
      ...(f.status ? { statuses: f.status } : f.due ? { statuses: [...OPEN] } : {}),
      ...(f.due ? { dueBefore: f.due === 'overdue' ? now : new Date(now.getTime() + 3 * 86400_000) } : {}),
      limit: f.limit + 1,
      ...(after ? { after } : {}),
    });
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ ...listView(r), overdue: OPEN.includes(r.status) && r.answer_by < now })),
      next: rows.length > f.limit && last ? `${last.answer_by.toISOString()}_${last.id}` : null,
    };
  }

  /** One appeal with the appellant's data: the reading is audited. */
  async get(ctx: ActorContext, number: string) {
    const o = await this.officer(ctx);
    const a = this.mine(await q.appealByNumber(this.db, number), o, number);
    const personal = await this.openPersonal(a);
    await this.audit.record(ctx, { action: 'appeal.read_personal', targetType: 'appeal', targetId: a.number, region: a.region_code, details: {} });
    const [history, comments] = await Promise.all([q.historyOf(this.db, a.id), q.commentsOf(this.db, a.id)]);
    // (who took each step, by name: an officer reading the case knows their colleagues by name, not number)
    const names = await this.catalog.staffNames([...history.map((h) => h.actor_id), ...comments.map((c) => c.author_id)].filter((id): id is number => id !== null));
    const nameOf = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
    return {
      ...listView(a),
      overdue: OPEN.includes(a.status) && a.answer_by < this.clock(),
      forwardBy: a.forward_by.toISOString(),
      extended: a.extended_at !== null,
      callId: a.call_id,
      consent: a.consent,
      personal,
      history: history.map((h) => ({ at: h.at.toISOString(), actorId: h.actor_id, actorName: nameOf(h.actor_id), action: h.action, from: h.from_status, to: h.to_status, details: h.details })),
      comments: await Promise.all(comments.map(async (c) => ({ ...(await this.commentView(a, c)), authorName: nameOf(c.author_id) }))),
      // (from: the citizen's, or sent with the answer, which the citizen may download too)
      files: a.anonymised_at
        ? []
        : await Promise.all((await attachmentsOf(this.db, a.id)).map(async (f) => ({ ...(await this.fileView(a, f)), from: f.comment_id === null ? ('citizen' as const) : ('answer' as const) }))),
    };
  }

  private async fileView(a: q.AppealRow, f: AttachmentRow) {
    return { id: f.id, name: (await this.sealer.open(f.sealed_name, fileNameContext(sealContext(a.id)))).toString('utf8'), contentType: f.content_type, size: f.size };
  }

  private async fileContent(a: q.AppealRow, f: AttachmentRow & { sealed: Buffer }): Promise<{ name: string; contentType: string; bytes: Buffer }> {
    const bytes = await this.sealer.open(f.sealed, fileContext(sealContext(a.id)));
    const name = (await this.sealer.open(f.sealed_name, fileNameContext(sealContext(a.id)))).toString('utf8');
    return { name, contentType: f.content_type, bytes };
  }

  private async openPersonal(a: q.AppealRow): Promise<Personal | null> {
    if (a.anonymised_at) return null;
    return JSON.parse((await this.sealer.open(a.sealed, sealContext(a.id))).toString('utf8')) as Personal;
  }

  private async commentView(a: q.AppealRow, c: q.CommentRow) {
    const text = (await this.sealer.open(c.sealed, `${sealContext(a.id)}:comment`)).toString('utf8');
    return { at: c.at.toISOString(), authorId: c.author_id, visibility: c.visibility, answer: c.is_answer, text };
  }

  /** A file of the appeal, opened for an officer of its organisation: the reading is audited. */
  async file(ctx: ActorContext, number: string, fileId: string): Promise<{ name: string; contentType: string; bytes: Buffer }> {
    const o = await this.officer(ctx);
    const a = this.mine(await q.appealByNumber(this.db, number), o, number);
    const f = /^\d{1,18}$/.test(fileId) ? await attachmentContent(this.db, a.id, fileId) : undefined;
    if (!f) throw notFound('appeal.file_not_found', `Appeal ${number} has no file ${fileId}.`);
    const content = await this.fileContent(a, f);
    await this.audit.record(ctx, { action: 'appeal.read_file', targetType: 'appeal', targetId: a.number, region: a.region_code, details: { file: f.id } });
    return content;
  }

  /** One step of the appeal's life, by an officer of its organisation. */
  async act(ctx: ActorContext, number: string, step: Action) {
    const o = await this.officer(ctx);
    const now = this.clock();
    // What the step needs besides the appeal's row is read first: inside the transaction only the
    // transaction may touch the database (embedded PGlite has one connection).
    const before = this.mine(await q.appealByNumber(this.db, number), o, number);
    const rules = (await this.catalog.type(before.type_code))?.deadlines ?? DEFAULT_DEADLINE_RULES;
    const zone = await this.zoneOf(before.organisation_id);
    const fromOrganisation = (await this.catalog.organisation(before.organisation_id))?.code ?? null;
    const target = step.action === 'redirect' ? await this.redirectTarget(step.organisation, before) : undefined;
    // (an answer's files are checked by their content before anything is written: same rules as the citizen's)
    const files = step.action === 'answer' ? await checkFiles(step.files ?? []) : { ok: true as const, files: [] };
    if (!files.ok) throw badRequest('appeal.invalid', `The answer's files: ${files.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { errors: files.problems });
    await this.db.transaction(async (tx) => {
      const a = this.mine(await q.appealByNumber(tx, number, true), o, number);
      // (moved on meanwhile: what was read for it no longer holds)
      if (a.organisation_id !== before.organisation_id) throw notFoundAppeal(number);
      const from = a.status;
      const history = (action: string, to: q.AppealStatus | null, details: Record<string, unknown> = {}) =>
        q.addHistory(tx, a.id, { at: now, actor_id: o.p.userId, action, from_status: from, to_status: to, details });
      // (the citizen is told of a step by e-mail: appeals.changed, after commit)
      const tell = (step: AppealStep, told: Partial<AppealChanged> = {}) =>
        appealsTopics.publish(tx, 'appeals.changed', { number, step, answerBy: a.answer_by_date, ...(fromOrganisation ? { organisation: fromOrganisation } : {}), ...told });
      const must = (allowed: readonly q.AppealStatus[], what: string) => {
        if (!allowed.includes(from)) throw conflict('appeal.invalid_step', `Appeal ${number} is ${from}: it cannot be ${what} now.`);
      };
      switch (step.action) {
        case 'take':
          must(['registered', 'forwarded', 'redirected'], 'taken');
          await q.updateAppeal(tx, a.id, { status: 'in_progress' });
          await history('taken', 'in_progress');
          break;
        case 'answer': {
          must(OPEN, 'answered');
          const comment = await this.comment(tx, a, o.p.userId, now, step.text, 'citizen', true);
          await storeFiles(tx, this.sealer, sealContext(a.id), a.id, comment, files.files);
          await tell('answered', { comment });
          await q.updateAppeal(tx, a.id, { status: 'answered', answered_at: now });
          await history('answered', 'answered', files.files.length ? { files: files.files.length } : {});
          break;
        }
        case 'close':
          must(['answered'], 'closed');
          await q.updateAppeal(tx, a.id, { status: 'closed', closed_at: now });
          await history('closed', 'closed');
          break;
        case 'reject': {
          must(OPEN, 'rejected');
          const text = rejectReasons[step.reason] + (step.note ? `\n${step.note}` : '');
          await tell('rejected', { comment: await this.comment(tx, a, o.p.userId, now, text, 'citizen', true) });
          await q.updateAppeal(tx, a.id, { status: 'rejected', closed_at: now });
          await history('rejected', 'rejected', { reason: step.reason });
          break;
        }
        case 'redirect': {
          must(OPEN, 'redirected');
          const { to, zone: toZone } = target!;
          // (the answer's term still counts from the registration, unless the type says a redirect
          // restarts it; its day ends in the new organisation's zone)
          const answerBy = afterRedirect({ registeredAt: a.registered_at, timeZone: zone }, { registeredAt: now, timeZone: toZone }, rules);
          const set: Parameters<typeof q.updateAppeal>[2] = { status: 'redirected', organisation_id: to.id, answer_by: answerBy.at, answer_by_date: answerBy.localDate };
          if (rules.redirectRestarts) set.forward_by = dueDates(now, now, rules, toZone).forwardBy.at;
          await q.updateAppeal(tx, a.id, set);
          if (step.note) await this.comment(tx, a, o.p.userId, now, step.note, 'internal', false);
          await history('redirected', 'redirected', { from: fromOrganisation, to: to.code });
          await tell('redirected', { organisation: to.code, answerBy: answerBy.localDate });
          break;
        }
        case 'extend': {
          must(OPEN, 'extended');
          const extended = extend(dueOn(a.answer_by_date, zone), step.days, rules, a.extended_at !== null);
          if (!extended.ok) {
            throw extended.error === 'already_extended'
              ? conflict('appeal.already_extended', `Appeal ${number}'s term was extended once already: 59-FZ allows one extension.`)
              : badRequest('appeal.bad_extension', extended.message);
          }
          const due = extended.due;
          await q.updateAppeal(tx, a.id, { answer_by: due.at, answer_by_date: due.localDate, extended_at: now });
          // the citizen is told (59-FZ art. 12 p. 2), with the reason
          await tell('extended', {
            answerBy: due.localDate,
            comment: await this.comment(tx, a, o.p.userId, now, `Срок рассмотрения продлён до ${due.localDate.split('-').reverse().join('.')}. Причина: ${step.reason}`, 'citizen', false),
          });
          await history('extended', null, { days: step.days, answerBy: due.localDate });
          break;
        }
        case 'comment': {
          if (a.anonymised_at) throw conflict('appeal.anonymised', `Appeal ${number} was anonymised.`);
          const comment = await this.comment(tx, a, o.p.userId, now, step.text, step.visibility, false);
          if (step.visibility === 'citizen') await tell('message', { comment });
          await history('commented', null, { visibility: step.visibility });
          break;
        }
      }
    });
  }

  /** The organisation a redirect names, and the zone its days count in. */
  private async redirectTarget(code: string, a: q.AppealRow): Promise<{ to: Organisation; zone: string }> {
    const to = await this.catalog.organisationByCode(code);
    if (!to || !to.active) throw notFound('organisation.not_found', `There is no organisation "${code}".`);
    if (to.id === a.organisation_id) throw badRequest('appeal.same_organisation', `Appeal ${a.number} is with ${to.name} already.`);
    return { to, zone: to.timezone ?? (await this.timezoneOf(to.region ?? '77')) };
  }

  private async comment(tx: Queryable, a: q.AppealRow, authorId: number, at: Date, text: string, visibility: 'internal' | 'citizen', isAnswer: boolean): Promise<string> {
    const sealed = await this.sealer.seal(text, `${sealContext(a.id)}:comment`, tx);
    return q.addComment(tx, a.id, { at, author_id: authorId, visibility, is_answer: isAnswer, sealed });
  }

  /**
   * What the citizen reads with the number and the code: the status, the dates, what was said to
   * them. A wrong code and an unknown number are refused alike (nobody learns which numbers exist).
   */
  async status(number: string, code: string) {
    const a = await this.withCode(number, code);
    const [org, type, comments, files] = await Promise.all([
      this.catalog.organisation(a.organisation_id),
      this.catalog.type(a.type_code),
      q.commentsOf(this.db, a.id, true),
      answerAttachmentsOf(this.db, a.id),
    ]);
    // (each message's files: only an answer has any; the citizen's own files are not given back here)
    const filesOf = async (commentId: string) => Promise.all(files.filter((f) => f.comment_id === commentId).map((f) => this.fileView(a, f)));
    return {
      number: a.number,
      type: type?.name ?? a.type_code,
      status: a.status,
      statusText: statusWords[a.status],
      organisation: org?.name ?? null,
      registeredAt: a.registered_at.toISOString(),
      answerBy: a.answer_by_date,
      extended: a.extended_at !== null,
      messages: await Promise.all(comments.map(async (c) => ({ ...(await this.commentView(a, c).then(({ at, answer, text }) => ({ at, answer, text }))), files: await filesOf(c.id) }))),
    };
  }

  /** A file of the appeal's answer, for the citizen with the number and the code (any other file: the same 404 as a wrong code). */
  async statusFile(number: string, code: string, fileId: string): Promise<{ name: string; contentType: string; bytes: Buffer }> {
    const a = await this.withCode(number, code);
    const f = /^\d{1,18}$/.test(fileId) ? await attachmentContent(this.db, a.id, fileId, true) : undefined;
    if (!f) throw notFound('appeal.file_not_found', 'This appeal’s answer has no such file.');
    return this.fileContent(a, f);
  }

  /** The appeal the number and the code name; a wrong code and an unknown number are refused alike. */
  private async withCode(number: string, code: string): Promise<q.AppealRow> {
    const a = await q.appealByNumber(this.db, number.trim());
    // (an unknown number costs the same hashing as a known one)
    const given = codeHash(this.key, a?.id ?? '0', code);
    if (!a || !timingSafeEqual(a.code_hash, given))
      throw notFound('appeal.not_found', 'There is no appeal with this number and code: check both (the code is in the message you got when you filed it).');
    return a;
  }

  /** Counts, due dates and overdue figures per region: no content (coordinators, supervisors). */
  async figures(ctx: ActorContext) {
    const p = requirePrincipal(ctx);
    authorize(ctx, 'appeals.figures');
    const rows = await q.countsByRegion(this.db, this.clock());
    return rows.filter((r) => p.region === FEDERAL || r.region_code === p.region).map((r) => ({ region: r.region_code, status: r.status, count: r.count, overdue: r.overdue }));
  }
}

function listView(r: q.ListedAppeal) {
  return {
    number: r.number,
    type: r.type_code,
    region: r.region_code,
    organisationId: r.organisation_id,
    channel: r.channel,
    status: r.status,
    receivedAt: r.received_at.toISOString(),
    registeredAt: r.registered_at.toISOString(),
    answerBy: r.answer_by_date,
    extended: r.extended_at !== null,
    appellant: r.masked,
  };
}

function parseCursor(s: string): { answerBy: Date; id: string } {
  const m = /^(.+)_(\d+)$/.exec(s);
  const at = m ? new Date(m[1]!) : null;
  if (!m || !at || Number.isNaN(at.getTime())) throw badRequest('appeal.bad_cursor', 'The "after" cursor is not one this list gave.');
  return { answerBy: at, id: m[2]! };
}
