// SQL of the e-mail notices to appellants and organisations (ap_mail): written once per event and
// audience, due ones read by the sender, the outcome of each attempt, the demo mailbox's list.
import type { Queryable } from '../platform/db/database.ts';
import type { EventCursor } from '../platform/events/outbox.ts';
import type { AppealStep } from './events.ts';

export type MailTransportKind = 'smtp' | 'demo';
/** Who a notice is for: the appellant, or the organisation the appeal was routed to. */
export type MailAudience = 'citizen' | 'organisation';

export interface MailRow {
  id: string;
  event_id: string;
  appeal_number: string;
  kind: AppealStep;
  audience: MailAudience;
  recipient: Buffer;
  subject: string;
  body: Buffer;
  created_at: Date;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  sent_at: Date | null;
  failed_at: Date | null;
  transport: MailTransportKind | null;
}

/** How far the notifier has come in the outbox; locked: one notifier at a time, on any node. */
export async function readCursor(db: Queryable, lock: boolean): Promise<EventCursor> {
  const r = await db.query<{ txid: string; event_id: string | number }>(`SELECT txid::text, event_id FROM ap_mail_cursor WHERE id = 1${lock ? ' FOR UPDATE' : ''}`);
  return { txid: r.rows[0]!.txid, id: Number(r.rows[0]!.event_id) };
}

export async function moveCursor(tx: Queryable, to: EventCursor): Promise<void> {
  await tx.query('UPDATE ap_mail_cursor SET txid = $1::xid8, event_id = $2::bigint WHERE id = 1', [to.txid, to.id]);
}

/** Whether this event's notice to this audience is written already. */
export async function mailOfEventExists(db: Queryable, eventId: number, audience: MailAudience): Promise<boolean> {
  return (await db.query('SELECT 1 FROM ap_mail WHERE event_id = $1 AND audience = $2', [eventId, audience])).rows.length > 0;
}

/** The next row's id, taken first: its sealed values are bound to it. */
export async function nextMailId(tx: Queryable): Promise<string> {
  return (await tx.query<{ id: string }>("SELECT nextval(pg_get_serial_sequence('ap_mail', 'id'))::text AS id")).rows[0]!.id;
}

/** Writes a notice unless its event's is there already (a cursor set back); true if written. */
export async function insertMail(
  tx: Queryable,
  m: Pick<MailRow, 'id' | 'appeal_number' | 'kind' | 'audience' | 'recipient' | 'subject' | 'body' | 'created_at'> & { event_id: number },
): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO ap_mail (id, event_id, appeal_number, kind, audience, recipient, subject, body, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
     ON CONFLICT (event_id, audience) DO NOTHING`,
    [m.id, m.event_id, m.appeal_number, m.kind, m.audience, m.recipient, m.subject, m.body, m.created_at],
  );
  return r.rowCount > 0;
}

/** A comment for the citizen, by id, of one appeal (its text sealed). */
export async function citizenComment(db: Queryable, appealId: string, commentId: string): Promise<Buffer | undefined> {
  const r = await db.query<{ sealed: Buffer }>("SELECT sealed FROM ap_comments WHERE id = $1 AND appeal_id = $2 AND visibility = 'citizen'", [commentId, appealId]);
  return r.rows[0]?.sealed;
}

/** Notices due now, oldest first. */
export async function dueMail(db: Queryable, now: Date, limit: number): Promise<MailRow[]> {
  const r = await db.query<MailRow>(
    `SELECT * FROM ap_mail WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
      ORDER BY next_attempt_at, id LIMIT $2`,
    [now, limit],
  );
  return r.rows;
}

export async function markSent(db: Queryable, id: string, at: Date, transport: MailTransportKind): Promise<void> {
  await db.query('UPDATE ap_mail SET sent_at = $2, transport = $3, attempts = attempts + 1, last_error = NULL WHERE id = $1', [id, at, transport]);
}

/** An attempt failed: when to try again, or (failedAt) not at all. */
export async function markAttemptFailed(db: Queryable, id: string, f: { error: string; nextAttemptAt: Date; failedAt: Date | null }): Promise<void> {
  await db.query('UPDATE ap_mail SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, failed_at = $4 WHERE id = $1', [id, f.error, f.nextAttemptAt, f.failedAt]);
}

/** Notices of appeals anonymised since (retention): their sealed address and text go too. */
export async function deleteMailOfAnonymised(db: Queryable): Promise<number> {
  const r = await db.query('DELETE FROM ap_mail m USING ap_appeals a WHERE a.number = m.appeal_number AND a.anonymised_at IS NOT NULL');
  return r.rowCount;
}

/** What the demo mailbox shows: the newest notices kept by the demo transport. */
export async function demoMailbox(db: Queryable, limit: number): Promise<MailRow[]> {
  return (await db.query<MailRow>("SELECT * FROM ap_mail WHERE transport = 'demo' ORDER BY sent_at DESC, id DESC LIMIT $1", [limit])).rows;
}
