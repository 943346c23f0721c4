// Rows to API shapes.
import type { AnswerRow, PublishedRow, VersionRow } from './answers-queries.ts';
import type { AnswerContent, EditorAnswer, PublishedRecord, VersionView } from './schema.ts';

/** Sources with their keys in one order (jsonb keeps its own), so that contents compare alike. */
function sourcesOf(xs: readonly { title: string; url: string }[]): { title: string; url: string }[] {
  return xs.map((x) => ({ title: x.title, url: x.url }));
}

export function presentVersion(v: VersionRow): VersionView {
  return {
    version: v.version,
    title: v.title,
    body: v.body,
    section: v.section,
    tags: v.tags,
    audience: v.audience,
    alternatives: v.alternatives,
    related: v.related,
    validFrom: v.valid_from,
    validUntil: v.valid_until,
    agency: v.agency,
    sources: sourcesOf(v.sources),
    note: v.note,
    createdAt: v.created_at.toISOString(),
    createdBy: v.created_by,
  };
}

export function contentOf(v: VersionRow | PublishedRow): AnswerContent {
  return {
    title: v.title,
    body: v.body,
    section: v.section,
    tags: v.tags,
    audience: v.audience,
    alternatives: v.alternatives,
    related: v.related,
    validFrom: v.valid_from,
    validUntil: v.valid_until,
    agency: v.agency,
    sources: sourcesOf(v.sources),
  };
}

export function presentEditorAnswer(a: AnswerRow, working: VersionRow): EditorAnswer {
  return {
    slug: a.slug,
    scope: a.scope,
    parent: a.parent_slug,
    status: a.status,
    currentVersion: a.current_version,
    publishedVersion: a.published_version,
    reviewVersion: a.review_version,
    reviewRequestedBy: a.review_requested_by,
    reviewComment: a.review_comment,
    createdAt: a.created_at.toISOString(),
    createdBy: a.created_by,
    updatedAt: a.updated_at.toISOString(),
    publishedAt: a.published_at?.toISOString() ?? null,
    archivedAt: a.archived_at?.toISOString() ?? null,
    working: presentVersion(working),
  };
}

/** True when two contents are the same answer text and metadata. */
export function sameContent(a: AnswerContent, b: AnswerContent): boolean {
  const canonical = (c: AnswerContent) =>
    JSON.stringify([c.title, c.body, c.section, c.tags, c.audience ?? null, c.alternatives, c.related, c.validFrom ?? null, c.validUntil ?? null, c.agency ?? null, sourcesOf(c.sources ?? [])]);
  return canonical(a) === canonical(b);
}

export function presentRecord(r: PublishedRow): PublishedRecord {
  return {
    slug: r.slug,
    scope: r.scope,
    parent: r.parent_slug,
    title: r.title,
    body: r.body,
    section: r.section,
    tags: r.tags,
    alternatives: r.alternatives,
    related: r.related,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    agency: r.agency,
    sources: sourcesOf(r.sources),
    version: r.version,
    publishedAt: r.published_at?.toISOString() ?? null,
    firstPublishedAt: r.first_published_at?.toISOString() ?? null,
  };
}
