// SQL of what Open311 GeoReport v2 shows of appeals to anyone: numbers, types, organisations,
// statuses and dates. Never a column of the appellant's (sealed, masked) or of the text: what is not
// selected cannot leak.
import type { Queryable } from '../platform/db/database.ts';
import type { AppealStatus } from './appeals-queries.ts';

export interface PublicAppeal {
  number: string;
  type_code: string;
  organisation_id: number;
  status: AppealStatus;
  registered_at: Date;
  answer_by: Date;
  answer_by_date: string;
  extended_at: Date | null;
  answered_at: Date | null;
  closed_at: Date | null;
  /** The last step of its history. */
  updated_at: Date | null;
}

export interface PublicFilter {
  /** These appeals only (every other condition is then ignored). */
  numbers?: string[];
  types?: string[];
  statuses?: AppealStatus[];
  /** registered_at from (inclusive) and to (inclusive). */
  from?: Date;
  to?: Date;
  limit: number;
}

/** Newest first. */
export async function publicAppeals(db: Queryable, f: PublicFilter): Promise<PublicAppeal[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown) => `$${args.push(v)}`;
  if (f.numbers) where.push(`a.number = ANY(${arg(f.numbers)}::text[])`);
  else {
    if (f.types) where.push(`a.type_code = ANY(${arg(f.types)}::text[])`);
    if (f.statuses) where.push(`a.status = ANY(${arg(f.statuses)}::text[])`);
    if (f.from) where.push(`a.registered_at >= ${arg(f.from)}`);
    if (f.to) where.push(`a.registered_at <= ${arg(f.to)}`);
  }
  const r = await db.query<PublicAppeal>(
    `SELECT a.number, a.type_code, a.organisation_id, a.status, a.registered_at, a.answer_by, a.answer_by_date::text AS answer_by_date,
       a.extended_at, a.answered_at, a.closed_at, (SELECT max(h.at) FROM ap_history h WHERE h.appeal_id = a.id) AS updated_at
     FROM ap_appeals a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY a.registered_at DESC, a.id DESC LIMIT ${arg(f.limit)}`,
    args,
  );
  return r.rows;
}
