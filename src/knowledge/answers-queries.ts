// SQL of answers and their versions.
import type { Queryable } from '../platform/db/database.ts';
import type { AnswerContent, Status } from './schema.ts';

export interface AnswerRow {
  id: number;
  slug: string;
  scope: string;
  parent_id: number | null;
  parent_slug: string | null;
  status: Status;
  current_version: number;
  published_version: number | null;
  review_version: number | null;
  review_requested_by: string | null;
  review_requested_at: Date | null;
  review_comment: string | null;
  created_at: Date;
  created_by: string | null;
  updated_at: Date;
  first_published_at: Date | null;
  published_at: Date | null;
  published_by: string | null;
  archived_at: Date | null;
}

export interface VersionRow {
  answer_id: number;
  version: number;
  title: string;
  body: string;
  section: string;
  tags: string[];
  audience: string | null;
  alternatives: string[];
  related: string[];
  valid_from: string | null;
  valid_until: string | null;
  agency: string | null;
  sources: { title: string; url: string }[];
  note: string | null;
  created_at: Date;
  created_by: string | null;
}

const ANSWER = `SELECT a.*, p.slug AS parent_slug FROM kb_answers a LEFT JOIN kb_answers p ON p.id = a.parent_id`;
// Dates as text: a calendar date must not shift with the server's time zone.
const VERSION = `SELECT answer_id, version, title, body, section, tags, audience, alternatives, related,
  valid_from::text AS valid_from, valid_until::text AS valid_until, agency, sources, note, created_at, created_by FROM kb_versions`;

export async function answerBySlug(db: Queryable, slug: string, forUpdate = false): Promise<AnswerRow | undefined> {
  return (await db.query<AnswerRow>(`${ANSWER} WHERE a.slug = $1${forUpdate ? ' FOR UPDATE OF a' : ''}`, [slug])).rows[0];
}

export async function insertAnswer(db: Queryable, a: { slug: string; scope: string; parentId: number | null; status: Status; by: string | null }): Promise<number> {
  const r = await db.query<{ id: number }>(`INSERT INTO kb_answers (slug, scope, parent_id, status, current_version, created_by) VALUES ($1, $2, $3, $4, 1, $5) RETURNING id`, [
    a.slug,
    a.scope,
    a.parentId,
    a.status,
    a.by,
  ]);
  return r.rows[0]!.id;
}

export async function insertVersion(db: Queryable, answerId: number, version: number, c: AnswerContent & { note?: string | undefined }, by: string | null): Promise<void> {
  await db.query(
    `INSERT INTO kb_versions (answer_id, version, title, body, section, tags, audience, alternatives, related, valid_from, valid_until, agency, sources, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15)`,
    [answerId, version, c.title, c.body, c.section, c.tags, c.audience, c.alternatives, c.related, c.validFrom, c.validUntil, c.agency ?? null, JSON.stringify(c.sources ?? []), c.note ?? null, by],
  );
}

export async function versionOf(db: Queryable, answerId: number, version: number): Promise<VersionRow | undefined> {
  return (await db.query<VersionRow>(`${VERSION} WHERE answer_id = $1 AND version = $2`, [answerId, version])).rows[0];
}

/** Several answers' versions at once, keyed by answer id: one statement for a page of answers. */
export async function versionsByAnswer(db: Queryable, wanted: { answerId: number; version: number }[]): Promise<Map<number, VersionRow>> {
  if (!wanted.length) return new Map();
  const r = await db.query<VersionRow>(`${VERSION} WHERE (answer_id, version) IN (SELECT * FROM unnest($1::int[], $2::int[]))`, [wanted.map((w) => w.answerId), wanted.map((w) => w.version)]);
  return new Map(r.rows.map((v) => [v.answer_id, v]));
}

export async function versionsOf(db: Queryable, answerId: number): Promise<VersionRow[]> {
  return (await db.query<VersionRow>(`${VERSION} WHERE answer_id = $1 ORDER BY version DESC`, [answerId])).rows;
}

/** Sets workflow columns; only the named ones change. */
export async function updateAnswer(db: Queryable, id: number, set: Partial<Omit<AnswerRow, 'id' | 'slug' | 'scope' | 'parent_id' | 'parent_slug'>>): Promise<void> {
  const keys = Object.keys(set) as (keyof typeof set)[];
  const params: unknown[] = [id, ...keys.map((k) => set[k])];
  await db.query(`UPDATE kb_answers SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, params);
}

/** The live supplements under an answer (archiving an answer takes them with it). */
export async function liveChildrenOf(db: Queryable, answerId: number): Promise<string[]> {
  return (await db.query<{ slug: string }>("SELECT slug FROM kb_answers WHERE parent_id = $1 AND status <> 'archived'", [answerId])).rows.map((c) => c.slug);
}

/** How many answers exist in any state. */
export async function countAnswers(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kb_answers')).rows[0]!.n;
}

/** Sections of the federal knowledge base with their number of live answers. */
export async function publishedSections(db: Queryable): Promise<{ name: string; answers: number }[]> {
  const r = await db.query<{ name: string; answers: number }>(
    `SELECT v.section AS name, count(*)::int AS answers FROM kb_answers a
       JOIN kb_versions v ON v.answer_id = a.id AND v.version = a.published_version
      WHERE a.archived_at IS NULL AND a.scope = 'federal' GROUP BY v.section ORDER BY v.section`,
  );
  return r.rows;
}

export interface PublishedRow extends VersionRow {
  slug: string;
  scope: string;
  parent_slug: string | null;
  published_at: Date | null;
  first_published_at: Date | null;
}

const PUBLISHED = `SELECT v.answer_id, v.version, v.title, v.body, v.section, v.tags, v.audience, v.alternatives, v.related,
    v.valid_from::text AS valid_from, v.valid_until::text AS valid_until, v.agency, v.sources, v.note, v.created_at, v.created_by,
    a.slug, a.scope, p.slug AS parent_slug, a.published_at, a.first_published_at
  FROM kb_answers a
  JOIN kb_versions v ON v.answer_id = a.id AND v.version = a.published_version
  LEFT JOIN kb_answers p ON p.id = a.parent_id
  WHERE a.archived_at IS NULL`;

/** Every live answer in its published version (the search index and the portal load these). */
export async function publishedAnswers(db: Queryable): Promise<PublishedRow[]> {
  return (await db.query<PublishedRow>(`${PUBLISHED} ORDER BY a.id`)).rows;
}

export async function publishedBySlug(db: Queryable, slug: string): Promise<PublishedRow | undefined> {
  return (await db.query<PublishedRow>(`${PUBLISHED} AND a.slug = $1`, [slug])).rows[0];
}

export async function publishedSupplement(db: Queryable, parentSlug: string, region: string): Promise<PublishedRow | undefined> {
  return (await db.query<PublishedRow>(`${PUBLISHED} AND p.slug = $1 AND a.scope = $2`, [parentSlug, region])).rows[0];
}

export async function titlesOf(db: Queryable, slugs: string[]): Promise<{ slug: string; title: string }[]> {
  if (!slugs.length) return [];
  const r = await db.query<{ slug: string; title: string }>(`SELECT slug, title FROM (${PUBLISHED}) x WHERE slug = ANY($1)`, [slugs]);
  const bySlug = new Map(r.rows.map((x) => [x.slug, x]));
  return slugs.flatMap((s) => (bySlug.has(s) ? [bySlug.get(s)!] : []));
}

export interface ListFilter {
  status?: Status;
  section?: string;
  scope?: string;
  /** Any of these scopes (a regional editor sees federal answers and their own region's). */
  scopes?: string[];
  limit: number;
  offset: number;
}

export async function listAnswers(db: Queryable, f: ListFilter): Promise<(AnswerRow & { title: string; section: string })[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => `$${params.push(v)}`;
  if (f.status) where.push(`a.status = ${param(f.status)}`);
  if (f.scope) where.push(`a.scope = ${param(f.scope)}`);
  if (f.scopes) where.push(`a.scope = ANY(${param(f.scopes)})`);
  if (f.section) where.push(`v.section = ${param(f.section)}`);
  const r = await db.query<AnswerRow & { title: string; section: string }>(
    `SELECT a.*, p.slug AS parent_slug, v.title, v.section
       FROM kb_answers a
       JOIN kb_versions v ON v.answer_id = a.id AND v.version = a.current_version
       LEFT JOIN kb_answers p ON p.id = a.parent_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY a.updated_at DESC, a.id DESC LIMIT ${param(f.limit)} OFFSET ${param(f.offset)}`,
    params,
  );
  return r.rows;
}

export async function insertPublication(
  db: Queryable,
  p: { answerId: number; version: number | null; kind: 'new' | 'update' | 'archive'; section: string; scope: string; by: string | null },
): Promise<void> {
  await db.query('INSERT INTO kb_publications (answer_id, version, kind, section, scope, by) VALUES ($1, $2, $3, $4, $5, $6)', [p.answerId, p.version, p.kind, p.section, p.scope, p.by]);
}
