// SQL of the navigator's stored catalogue: its entries (a question or a measure each) and their
// versions, whose content is the entry's JSON.
import type { Queryable } from '../platform/db/database.ts';

export type EntryKind = 'question' | 'measure';
export type EntryStatus = 'draft' | 'in_review' | 'published' | 'archived';

export interface EntryRow {
  id: number;
  kind: EntryKind;
  key: string;
  status: EntryStatus;
  current_version: number;
  published_version: number | null;
  review_version: number | null;
  review_requested_by: string | null;
  review_requested_at: Date | null;
  review_comment: string | null;
  position: number;
  created_at: Date;
  created_by: string | null;
  updated_at: Date;
  published_at: Date | null;
  published_by: string | null;
  archived_at: Date | null;
}

export interface VersionRow {
  entry_id: number;
  version: number;
  content: unknown;
  note: string | null;
  created_at: Date;
  created_by: string | null;
}

export async function entryByKey(db: Queryable, kind: EntryKind, key: string, forUpdate = false): Promise<EntryRow | undefined> {
  return (await db.query<EntryRow>(`SELECT * FROM nv_entries WHERE kind = $1 AND key = $2${forUpdate ? ' FOR UPDATE' : ''}`, [kind, key])).rows[0];
}

/** A new entry at the end of its kind's order; its id. */
export async function insertEntry(db: Queryable, e: { kind: EntryKind; key: string; status: EntryStatus; by: string | null; position?: number }): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO nv_entries (kind, key, status, current_version, position, created_by)
     VALUES ($1, $2, $3, 1, COALESCE($4, (SELECT COALESCE(max(position), 0) + 1 FROM nv_entries WHERE kind = $1)), $5) RETURNING id`,
    [e.kind, e.key, e.status, e.position ?? null, e.by],
  );
  return Number(r.rows[0]!.id);
}

export async function insertVersion(db: Queryable, entryId: number, version: number, content: unknown, note: string | null, by: string | null): Promise<void> {
  await db.query('INSERT INTO nv_versions (entry_id, version, content, note, created_by) VALUES ($1, $2, $3, $4, $5)', [entryId, version, JSON.stringify(content), note, by]);
}

export async function versionOf(db: Queryable, entryId: number, version: number): Promise<VersionRow | undefined> {
  return (await db.query<VersionRow>('SELECT * FROM nv_versions WHERE entry_id = $1 AND version = $2', [entryId, version])).rows[0];
}

export async function versionsOf(db: Queryable, entryId: number): Promise<VersionRow[]> {
  return (await db.query<VersionRow>('SELECT * FROM nv_versions WHERE entry_id = $1 ORDER BY version DESC', [entryId])).rows;
}

/** Sets workflow columns; only the named ones change. */
export async function updateEntry(db: Queryable, id: number, set: Partial<Omit<EntryRow, 'id' | 'kind' | 'key'>>): Promise<void> {
  const keys = Object.keys(set) as (keyof typeof set)[];
  const params: unknown[] = [id, ...keys.map((k) => set[k])];
  await db.query(`UPDATE nv_entries SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, params);
}

export interface ContentRow {
  kind: EntryKind;
  key: string;
  position: number;
  content: unknown;
}

/** Every published entry's published content, in order (questions, then measures; each by position). */
export async function publishedContents(db: Queryable): Promise<ContentRow[]> {
  const r = await db.query<ContentRow>(
    `SELECT e.kind, e.key, e.position, v.content FROM nv_entries e
       JOIN nv_versions v ON v.entry_id = e.id AND v.version = e.published_version
      WHERE e.published_version IS NOT NULL
      ORDER BY e.kind DESC, e.position, e.id`,
  );
  return r.rows;
}

/** The working copies of every entry not archived (a draft's rule is checked against these questions). */
export async function workingContents(db: Queryable, kind: EntryKind): Promise<ContentRow[]> {
  const r = await db.query<ContentRow>(
    `SELECT e.kind, e.key, e.position, v.content FROM nv_entries e
       JOIN nv_versions v ON v.entry_id = e.id AND v.version = e.current_version
      WHERE e.kind = $1 AND e.status <> 'archived'
      ORDER BY e.position, e.id`,
    [kind],
  );
  return r.rows;
}

export async function setPosition(db: Queryable, kind: EntryKind, key: string, position: number): Promise<void> {
  await db.query('UPDATE nv_entries SET position = $3, updated_at = now() WHERE kind = $1 AND key = $2', [kind, key, position]);
}

/** How many entries exist in any state. */
export async function countEntries(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM nv_entries')).rows[0]!.n;
}

export interface ListFilter {
  kind?: EntryKind | undefined;
  status?: EntryStatus | undefined;
  limit: number;
  offset: number;
}

/** Entries with their working copy, questions first, each kind in its order. */
export async function listEntries(db: Queryable, f: ListFilter): Promise<{ rows: (EntryRow & { working: VersionRow })[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => `$${params.push(v)}`;
  if (f.kind) where.push(`e.kind = ${param(f.kind)}`);
  if (f.status) where.push(`e.status = ${param(f.status)}`);
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM nv_entries e ${cond}`, params)).rows[0]!.n;
  const r = await db.query<EntryRow & { working: VersionRow }>(
    `SELECT e.*, json_build_object('entry_id', v.entry_id, 'version', v.version, 'content', v.content, 'note', v.note, 'created_at', v.created_at, 'created_by', v.created_by) AS working
       FROM nv_entries e JOIN nv_versions v ON v.entry_id = e.id AND v.version = e.current_version
      ${cond}
      ORDER BY e.kind DESC, e.position, e.id LIMIT ${param(f.limit)} OFFSET ${param(f.offset)}`,
    params,
  );
  // (json_build_object gives the time as text)
  return { rows: r.rows.map((x) => ({ ...x, working: { ...x.working, created_at: new Date(x.working.created_at) } })), total };
}

/**
 * Serialises the acts that check the whole published catalogue (approve, archive, import): two of
 * them at once could each pass against the catalogue before the other. Call first in the transaction.
 */
export async function lockCatalogue(db: Queryable): Promise<void> {
  await db.query('LOCK TABLE nv_entries IN SHARE ROW EXCLUSIVE MODE');
}
