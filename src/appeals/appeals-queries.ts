// SQL of appeals, their numbers and their history.
import type { Queryable } from '../platform/db/database.ts';

export const appealStatuses = ['registered', 'forwarded', 'in_progress', 'answered', 'closed', 'rejected', 'redirected'] as const;
export type AppealStatus = (typeof appealStatuses)[number];

export interface AppealRow {
  id: string;
  number: string;
  type_code: string;
  region_code: string;
  organisation_id: number;
  channel: 'portal' | 'operator' | 'api' | 'open311';
  status: AppealStatus;
  code_hash: Buffer;
  received_at: Date;
  registered_at: Date;
  forward_by: Date;
  answer_by: Date;
  answer_by_date: string;
  extended_at: Date | null;
  answered_at: Date | null;
  closed_at: Date | null;
  call_id: string | null;
  sealed: Buffer;
  masked: { name: string; phone: string | null; email: string | null };
  dedupe_hash: Buffer;
  consent: { text: string; at: string };
  notify: boolean;
  anonymised_at: Date | null;
  /** The status code, sealed, for a short while after filing (see CODE_RESEND_MS); null after. */
  code_sealed: Buffer | null;
}

export type NewAppeal = Omit<AppealRow, 'id' | 'number' | 'extended_at' | 'answered_at' | 'closed_at' | 'anonymised_at' | 'answer_by_date'> & { answer_by_date: string };

/** Forgets the sealed codes of appeals filed before `before`: only the code's hash stays. */
export async function forgetSealedCodes(db: Queryable, before: Date): Promise<void> {
  await db.query('UPDATE ap_appeals SET code_sealed = NULL WHERE code_sealed IS NOT NULL AND received_at < $1', [before]);
}

/**
 * Serialises identical filings (the same dedupe hash) until the transaction ends, nobody else
 * waiting; and reserves the id the appeal's row will get (one round trip for both).
 */
export async function lockDedupeAndReserveId(db: Queryable, dedupeHash: Buffer): Promise<string> {
  // (the two-key form, in a namespace of the appeals' own: other advisory locks are not in the way)
  const r = await db.query<{ id: string }>("SELECT pg_advisory_xact_lock(1095782739, $1::int), nextval(pg_get_serial_sequence('ap_appeals', 'id'))::text AS id", [dedupeHash.readInt32BE(0)]);
  return r.rows[0]!.id;
}

/**
 * The year's number sequence, made the first time a year is met (outside any transaction: two
 * nodes making it at once is fine). A sequence, not a counter row: filings never wait for each
 * other's commits to be numbered. A filing that fails after taking its number leaves a gap.
 */
export async function ensureYearSequence(db: Queryable, year: number): Promise<void> {
  if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new Error(`no appeal numbers for the year ${year}`);
  try {
    await db.query(`CREATE SEQUENCE IF NOT EXISTS ap_number_${year}`);
  } catch (err) {
    // (made by another node in the same instant: it exists, which is all that is asked)
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P07') throw err;
  }
}

/** The appeal, its first history entry and its number of the year (122-2026-000123), in one statement. */
export async function insertNumbered(db: Queryable, year: number, id: string, a: NewAppeal, h: HistoryEntry): Promise<string> {
  const r = await db.query<{ number: string }>(
    `WITH n AS (
       SELECT nextval('ap_number_' || $1::int) AS last
     ), a AS (
       INSERT INTO ap_appeals (id, number, type_code, region_code, organisation_id, channel, status, code_hash, received_at, registered_at,
         forward_by, answer_by, answer_by_date, call_id, sealed, masked, dedupe_hash, consent, notify, code_sealed)
       SELECT $2, '122-' || $1::int || '-' || lpad(n.last::text, 6, '0'), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $26 FROM n
       RETURNING id, number
     ), h AS (
       INSERT INTO ap_history (appeal_id, at, actor_id, action, from_status, to_status, details)
       SELECT a.id, $20, $21, $22, $23, $24, $25 FROM a
     )
     SELECT number FROM a`,
    [
      year,
      id,
      a.type_code,
      a.region_code,
      a.organisation_id,
      a.channel,
      a.status,
      a.code_hash,
      a.received_at,
      a.registered_at,
      a.forward_by,
      a.answer_by,
      a.answer_by_date,
      a.call_id,
      a.sealed,
      JSON.stringify(a.masked),
      a.dedupe_hash,
      JSON.stringify(a.consent),
      a.notify,
      h.at,
      h.actor_id,
      h.action,
      h.from_status,
      h.to_status,
      JSON.stringify(h.details),
      a.code_sealed,
    ],
  );
  return r.rows[0]!.number;
}

/** The same appeal filed again within the window: its number (the first one's). */
export async function findDuplicate(db: Queryable, dedupeHash: Buffer, since: Date): Promise<string | null> {
  const r = await db.query<{ number: string }>('SELECT number FROM ap_appeals WHERE dedupe_hash = $1 AND received_at >= $2 ORDER BY id LIMIT 1', [dedupeHash, since]);
  return r.rows[0]?.number ?? null;
}

// (the due date as text: drivers would turn a date into a Date at their own midnight)
const COLUMNS = `id, number, type_code, region_code, organisation_id, channel, status, code_hash, received_at, registered_at, forward_by, answer_by,
  answer_by_date::text AS answer_by_date, extended_at, answered_at, closed_at, call_id, sealed, masked, dedupe_hash, consent, notify, anonymised_at, code_sealed`;

export async function appealByNumber(db: Queryable, number: string, forUpdate = false): Promise<AppealRow | undefined> {
  return (await db.query<AppealRow>(`SELECT ${COLUMNS} FROM ap_appeals WHERE number = $1${forUpdate ? ' FOR UPDATE' : ''}`, [number])).rows[0];
}

export interface HistoryEntry {
  at: Date;
  actor_id: number | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  details: Record<string, unknown>;
}

export async function addHistory(db: Queryable, appealId: string, h: HistoryEntry): Promise<void> {
  await db.query('INSERT INTO ap_history (appeal_id, at, actor_id, action, from_status, to_status, details) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    appealId,
    h.at,
    h.actor_id,
    h.action,
    h.from_status,
    h.to_status,
    JSON.stringify(h.details),
  ]);
}

export async function historyOf(db: Queryable, appealId: string): Promise<HistoryEntry[]> {
  return (await db.query<HistoryEntry>('SELECT at, actor_id, action, from_status, to_status, details FROM ap_history WHERE appeal_id = $1 ORDER BY id', [appealId])).rows;
}

export async function updateAppeal(
  db: Queryable,
  id: string,
  set: Partial<Pick<AppealRow, 'status' | 'organisation_id' | 'answer_by' | 'answer_by_date' | 'forward_by' | 'extended_at' | 'answered_at' | 'closed_at'>>,
): Promise<void> {
  const cols = Object.keys(set) as (keyof typeof set)[];
  if (!cols.length) return;
  await db.query(`UPDATE ap_appeals SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...cols.map((c) => set[c])]);
}

export interface CommentRow {
  id: string;
  at: Date;
  author_id: number | null;
  visibility: 'internal' | 'citizen';
  is_answer: boolean;
  sealed: Buffer;
}

export async function addComment(db: Queryable, appealId: string, c: Omit<CommentRow, 'id'>): Promise<string> {
  const r = await db.query<{ id: string }>('INSERT INTO ap_comments (appeal_id, at, author_id, visibility, is_answer, sealed) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id', [
    appealId,
    c.at,
    c.author_id,
    c.visibility,
    c.is_answer,
    c.sealed,
  ]);
  return r.rows[0]!.id;
}

export async function commentsOf(db: Queryable, appealId: string, citizenOnly = false): Promise<CommentRow[]> {
  return (
    await db.query<CommentRow>(`SELECT id, at, author_id, visibility, is_answer, sealed FROM ap_comments WHERE appeal_id = $1${citizenOnly ? " AND visibility = 'citizen'" : ''} ORDER BY id`, [
      appealId,
    ])
  ).rows;
}

export interface ListFilter {
  organisationId?: number;
  regions?: string[];
  statuses?: AppealStatus[];
  /** Open appeals due by this instant (overdue: now; due soon: a few days ahead). */
  dueBefore?: Date;
  limit: number;
  /** Keyset: appeals after this id in the order (answer_by, id). */
  after?: { answerBy: Date; id: string };
}

export type ListedAppeal = Pick<
  AppealRow,
  'id' | 'number' | 'type_code' | 'region_code' | 'organisation_id' | 'channel' | 'status' | 'received_at' | 'registered_at' | 'answer_by' | 'answer_by_date' | 'extended_at' | 'masked'
>;

/** Appeals by their answer due date (soonest first): masked values only. */
export async function listAppeals(db: Queryable, f: ListFilter): Promise<ListedAppeal[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown) => `$${args.push(v)}`;
  if (f.organisationId !== undefined) where.push(`organisation_id = ${arg(f.organisationId)}`);
  if (f.regions) where.push(`region_code = ANY(${arg(f.regions)}::text[])`);
  if (f.statuses) where.push(`status = ANY(${arg(f.statuses)}::text[])`);
  if (f.dueBefore) where.push(`answer_by <= ${arg(f.dueBefore)}`);
  if (f.after) where.push(`(answer_by, id) > (${arg(f.after.answerBy)}, ${arg(f.after.id)}::bigint)`);
  const r = await db.query<ListedAppeal>(
    `SELECT id, number, type_code, region_code, organisation_id, channel, status, received_at, registered_at, answer_by, answer_by_date::text AS answer_by_date, extended_at, masked
     FROM ap_appeals ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY answer_by, id LIMIT ${arg(f.limit)}`,
    args,
  );
  return r.rows;
}

/** Counts by region and status, with open ones past due: what coordinators see (no content). */
export async function countsByRegion(db: Queryable, now: Date): Promise<{ region_code: string; status: AppealStatus; count: number; overdue: number }[]> {
  const r = await db.query<{ region_code: string; status: AppealStatus; count: string; overdue: string }>(
    `SELECT region_code, status, count(*) AS count,
       count(*) FILTER (WHERE answer_by < $1 AND status IN ('registered', 'forwarded', 'in_progress', 'redirected')) AS overdue
     FROM ap_appeals GROUP BY region_code, status ORDER BY region_code, status`,
    [now],
  );
  return r.rows.map((x) => ({ region_code: x.region_code, status: x.status, count: Number(x.count), overdue: Number(x.overdue) }));
}
