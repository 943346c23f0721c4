// E-mail notices to appellants, and to organisations of what is routed to them. The module's steps publish appeals.changed (number, step, the
// organisation and due date as they then stood, the comment the step wrote; no personal data) in
// their transactions. After commit the notifier reads those events from the outbox with a cursor
// of its own, moved in the transaction that writes the notices (a durable consumer, as the rollups
// are): a node that dies before it has heard an event loses no notice, and an event is handled once
// however often the bus delivers it and on however many nodes. For each event it opens the
// appeal's sealed part for the e-mail address (none given, or anonymised: no notice) and writes the
// notice, recipient and body sealed and bound to the row; the sender (one node at a time) sends it.
// An organisation with an e-mail address is told of each appeal registered for it or redirected to
// it: number, type, due date and the officers' app (no personal data: those are read in the app).
// Without an SMTP server, demo mode keeps the notices as its mailbox (/demo/mailbox); outside demo
// mode nothing is written (the cursor still moves: turning SMTP on later sends no backlog).
import type { ActorContext } from '../platform/access/principal.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Db, Queryable } from '../platform/db/database.ts';
import { eventsAfter, type EventCursor } from '../platform/events/outbox.ts';
import { Loop } from '../platform/jobs.ts';
import type { Logger } from '../platform/logger.ts';
import { appealByNumber } from './appeals-queries.ts';
import type { AppealsCatalog } from './catalog.ts';
import type { AppealChanged, AppealsTopics } from './events.ts';
import { sealContext } from './intake.ts';
import * as mq from './mail-queries.ts';
import { MailSender, mailContext } from './mail-sender.ts';
import { composeMail, composeOrganisationMail, type MailFacts } from './mail-texts.ts';
import { DemoMailbox, SmtpTransport } from './mail-transport.ts';
import type { Sealer } from './sealer.ts';

/** smtp: sent through SMTP_URL; demo: kept as sent in the demo mailbox; off: not written at all. */
export type MailMode = 'smtp' | 'demo' | 'off';

const TOPICS: (keyof AppealsTopics)[] = ['appeals.changed'];
/** Events per transaction of the notifier. */
const BATCH = 100;
/** The bus wakes the notifier at once; this catches what a node missed (it started after a commit, say). */
const POLL_MS = 5000;

export interface AppealMailOptions {
  db: Db;
  audit: AuditService;
  sealer: Sealer;
  catalog: AppealsCatalog;
  log: Logger;
  /** The portal's address: the status page the notices point to. */
  publicUrl: string;
  /** SMTP_URL (unset: the demo mailbox in demo mode, else no notices) and MAIL_FROM. */
  smtpUrl?: string | undefined;
  from: string;
  /** serve --demo. */
  demo: boolean;
  clock?: () => Date;
}

/** What the demo mailbox shows of a notice. */
export interface MailboxEntry {
  id: string;
  number: string;
  kind: mq.MailRow['kind'];
  audience: mq.MailAudience;
  to: string;
  subject: string;
  text: string;
  at: string;
}

/** What a notice names, read before the notifier's transaction (inside it only the transaction touches the database). */
interface Names {
  types: Map<string, string>;
  organisations: Map<string, { name: string; email: string | null }>;
}

/** An extension's comment (work.ts) names the new date and the reason: the notice says the date its own way. */
const EXTENSION = /^Срок рассмотрения продлён до \d{2}\.\d{2}\.\d{4}\. Причина: ([\s\S]*)$/;

export class AppealMail {
  readonly mode: MailMode;
  private readonly sender: MailSender | null;
  private readonly clock: () => Date;
  private readonly notices: Loop;
  /** Where this node last left the cursor (another node may have moved it on since). */
  private seen: EventCursor | null = null;

  constructor(private readonly o: AppealMailOptions) {
    this.clock = o.clock ?? (() => new Date());
    const transport = o.smtpUrl ? new SmtpTransport(o.smtpUrl) : o.demo ? new DemoMailbox() : null;
    this.mode = transport?.kind ?? 'off';
    this.sender = transport ? new MailSender({ db: o.db, sealer: o.sealer, transport, from: o.from, log: o.log, clock: this.clock }) : null;
    // (a call during a pass gets one more: its event may have committed after the pass looked)
    this.notices = new Loop({
      everyMs: POLL_MS,
      again: true,
      run: async () => {
        while (await this.pass());
      },
      failed: (err) => o.log.error({ err }, 'appeals: writing notices failed; will retry'),
    });
  }

  /** Writes the notices of every event committed so far (the bus calls this on appeals.changed). */
  catchUp(): Promise<void> {
    return this.notices.runNow();
  }

  /** One batch in one transaction; true when more may be waiting. */
  private async pass(): Promise<boolean> {
    const { db } = this.o;
    // A look without a lock first: an idle system writes nothing.
    this.seen ??= await mq.readCursor(db, false);
    if (!(await eventsAfter(db, this.seen, TOPICS, 1)).rows.length) return false;
    const names = this.sender ? await this.names() : null;
    const { next, more, written } = await db.transaction(async (tx) => {
      const cursor = await mq.readCursor(tx, true);
      const { horizon, rows } = await eventsAfter(tx, cursor, TOPICS, BATCH);
      let written = 0;
      if (names)
        for (const r of rows) {
          const e = r.payload as AppealChanged;
          if (await this.write(tx, r.id, e, names)) written++;
          if (await this.writeToOrganisation(tx, r.id, e, names)) written++;
        }
      const last = rows[rows.length - 1];
      // Nothing older than the horizon is left to come: the next pass starts there.
      const next: EventCursor = rows.length < BATCH ? { txid: horizon, id: 0 } : { txid: last!.txid, id: last!.id };
      await mq.moveCursor(tx, next);
      return { next, more: rows.length === BATCH, written };
    });
    this.seen = next;
    if (written) this.sender?.kick();
    return more;
  }

  private async names(): Promise<Names> {
    const [types, orgs] = await Promise.all([this.o.catalog.types(true), this.o.catalog.organisations()]);
    return { types: new Map(types.map((t) => [t.code, t.name])), organisations: new Map(orgs.map((x) => [x.code, { name: x.name, email: x.email }])) };
  }

  /** One event's notice, in the notifier's transaction: none without an address, never a second one. */
  private async write(tx: Queryable, eventId: number, e: AppealChanged, names: Names): Promise<boolean> {
    const { sealer } = this.o;
    if (await mq.mailOfEventExists(tx, eventId, 'citizen')) return false;
    const a = await appealByNumber(tx, e.number);
    if (!a || !a.notify || a.anonymised_at) return false;
    const { email } = JSON.parse((await sealer.open(a.sealed, sealContext(a.id), tx)).toString('utf8')) as { email?: string | null };
    if (!email) return false;
    let text: string | undefined;
    if (e.comment) {
      const sealed = await mq.citizenComment(tx, a.id, e.comment);
      if (sealed) text = (await sealer.open(sealed, `${sealContext(a.id)}:comment`, tx)).toString('utf8');
      if (e.step === 'extended' && text) text = EXTENSION.exec(text)?.[1] ?? text;
    }
    const facts: MailFacts = {
      number: a.number,
      type: names.types.get(a.type_code) ?? a.type_code,
      organisation: (e.organisation && names.organisations.get(e.organisation)?.name) || '—',
      answerBy: e.answerBy,
      statusUrl: `${this.o.publicUrl}/appeals/status`,
      ...(text !== undefined ? { text } : {}),
    };
    return this.insert(tx, { eventId, number: a.number, kind: e.step, audience: 'citizen', to: email, ...composeMail(e.step, facts) });
  }

  /** The notice to the organisation an appeal came to, if it has an address; none for an anonymised appeal. */
  private async writeToOrganisation(tx: Queryable, eventId: number, e: AppealChanged, names: Names): Promise<boolean> {
    if (e.step !== 'registered' && e.step !== 'redirected') return false;
    const to = e.organisation ? names.organisations.get(e.organisation)?.email : null;
    if (!to || (await mq.mailOfEventExists(tx, eventId, 'organisation'))) return false;
    const a = await appealByNumber(tx, e.number);
    if (!a || a.anonymised_at) return false;
    const mail = composeOrganisationMail(e.step, { number: a.number, type: names.types.get(a.type_code) ?? a.type_code, answerBy: e.answerBy, appUrl: `${this.o.publicUrl}/agency` });
    return this.insert(tx, { eventId, number: a.number, kind: e.step, audience: 'organisation', to, ...mail });
  }

  /** A notice written, its recipient and body sealed and bound to its row; false if the event's is there already. */
  private async insert(tx: Queryable, m: { eventId: number; number: string; kind: AppealChanged['step']; audience: mq.MailAudience; to: string; subject: string; text: string }): Promise<boolean> {
    const { sealer } = this.o;
    const id = await mq.nextMailId(tx);
    return mq.insertMail(tx, {
      id,
      event_id: m.eventId,
      appeal_number: m.number,
      kind: m.kind,
      audience: m.audience,
      recipient: await sealer.seal(m.to, mailContext(id, 'to'), tx),
      subject: m.subject,
      body: await sealer.seal(m.text, mailContext(id, 'body'), tx),
      created_at: this.clock(),
    });
  }

  /** Writing notices (every node: the cursor's lock takes turns) and sending them (one node at a time). */
  start(): Promise<void> {
    this.notices.start();
    return this.sender?.start() ?? Promise.resolve();
  }

  /** One sending pass now (tests). */
  tick(): Promise<void> {
    return this.sender?.tick() ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    await this.notices.stop();
    await this.sender?.stop();
  }

  /**
   * The demo mailbox: the newest notices kept by the demo transport, opened (the caller decides
   * who may see it; the reading is audited, as every reading of appellants' data).
   */
  async mailbox(ctx: ActorContext, limit = 100): Promise<MailboxEntry[]> {
    if (this.mode !== 'demo') return [];
    const rows = await mq.demoMailbox(this.o.db, limit);
    const entries = await Promise.all(
      rows.map(async (m) => ({
        id: m.id,
        number: m.appeal_number,
        kind: m.kind,
        audience: m.audience,
        to: (await this.o.sealer.open(m.recipient, mailContext(m.id, 'to'))).toString('utf8'),
        subject: m.subject,
        text: (await this.o.sealer.open(m.body, mailContext(m.id, 'body'))).toString('utf8'),
        at: (m.sent_at ?? m.created_at).toISOString(),
      })),
    );
    await this.o.audit.record(ctx, { action: 'appeal.read_mailbox', targetType: 'appeal_mail', details: { shown: entries.length } });
    return entries;
  }
}
