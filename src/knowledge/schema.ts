// Shapes of answers, versions and the knowledge API.
import { z } from 'zod';
import { calendarDate } from '../platform/http/schemas.ts';

export const slugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,119}$/, 'lowercase Latin letters, digits and dashes (2–120), e.g. credit-holidays-mobilized');

export const scopeSchema = z
  .string()
  .regex(/^(federal|[0-9]{2})$/, '"federal" or a two-digit region code')
  .describe('`federal`, or the region code of a regional supplement');

const isoDate = calendarDate('a date YYYY-MM-DD').describe('YYYY-MM-DD');

/** A law or an official page the answer rests on; only http(s) addresses (a link people will follow). */
export const sourceSchema = z.object({
  title: z.string().trim().min(1).max(300).describe('What the source is, e.g. «Федеральный закон № 255-ФЗ»'),
  url: z
    .url({ protocol: /^https?$/, error: 'an http(s) address, e.g. https://sfr.gov.ru/' })
    .max(2000)
    .describe('Its address'),
});

/** What an editor writes; each save becomes a new immutable version. */
export const answerContentSchema = z.object({
  title: z.string().trim().min(1).max(300).describe('The question, as people ask it'),
  body: z.string().trim().min(1).max(50000).describe('The answer in Markdown'),
  section: z.string().trim().min(1).max(200),
  tags: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  audience: z.string().trim().max(200).nullable().default(null),
  alternatives: z.array(z.string().trim().min(1).max(300)).max(50).default([]).describe('Other ways people ask the same question'),
  related: z.array(slugSchema).max(20).default([]).describe('Slugs of related answers'),
  validFrom: isoDate.nullable().default(null),
  validUntil: isoDate.nullable().default(null),
  agency: z.string().trim().min(1).max(200).nullable().default(null).describe('The agency responsible for what the answer says, e.g. «Социальный фонд России»'),
  sources: z.array(sourceSchema).max(20).default([]).describe('Laws and official pages the answer rests on'),
});
export type AnswerContent = z.infer<typeof answerContentSchema>;

export const newAnswerSchema = answerContentSchema.extend({
  slug: slugSchema,
  scope: scopeSchema.default('federal'),
  parent: slugSchema.optional().describe('For a regional supplement: the federal answer it belongs under'),
  note: z.string().trim().max(500).optional().describe('What changed and why'),
});
export type NewAnswer = z.infer<typeof newAnswerSchema>;

export const editAnswerSchema = answerContentSchema.extend({
  note: z.string().trim().max(500).optional(),
  baseVersion: z.number().int().min(1).optional().describe('The version the edit started from; a newer one in between is a conflict'),
});
export type EditAnswer = z.infer<typeof editAnswerSchema>;

export const statuses = ['draft', 'in_review', 'published', 'archived'] as const;
export type Status = (typeof statuses)[number];

export const versionSchema = z
  .object({
    version: z.number().int(),
    title: z.string(),
    body: z.string(),
    section: z.string(),
    tags: z.array(z.string()),
    audience: z.string().nullable(),
    alternatives: z.array(z.string()),
    related: z.array(z.string()),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    agency: z.string().nullable(),
    sources: z.array(z.object({ title: z.string(), url: z.string() })),
    note: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'AnswerVersion' });
export type VersionView = z.infer<typeof versionSchema>;

export const supplementSchema = z.object({ slug: z.string(), region: z.string(), title: z.string(), body: z.string(), version: z.number().int(), publishedAt: z.string().nullable() });

/** A published answer as operators and the portal see it. */
export const publishedAnswerSchema = z
  .object({
    slug: z.string(),
    scope: z.string(),
    parent: z.string().nullable(),
    title: z.string(),
    body: z.string(),
    section: z.string(),
    tags: z.array(z.string()),
    audience: z.string().nullable(),
    alternatives: z.array(z.string()),
    related: z.array(z.object({ slug: z.string(), title: z.string() })),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    agency: z.string().nullable(),
    sources: z.array(z.object({ title: z.string(), url: z.string() })),
    version: z.number().int(),
    publishedAt: z.string().nullable(),
    firstPublishedAt: z.string().nullable(),
    supplement: supplementSchema.nullable().describe('The regional supplement for the region asked for, if any'),
  })
  .meta({ id: 'PublishedAnswer' });
export type PublishedAnswer = z.infer<typeof publishedAnswerSchema>;

/** A live answer or supplement as a whole, for readers that keep their own copy (the portal's cache). */
export interface PublishedRecord {
  slug: string;
  scope: string;
  parent: string | null;
  title: string;
  body: string;
  section: string;
  tags: string[];
  alternatives: string[];
  /** Slugs of related answers, as the editor listed them (some may not be live). */
  related: string[];
  validFrom: string | null;
  validUntil: string | null;
  agency: string | null;
  sources: { title: string; url: string }[];
  version: number;
  publishedAt: string | null;
  firstPublishedAt: string | null;
}

/** The editors' view: workflow state and the working copy. */
export const editorAnswerSchema = z
  .object({
    slug: z.string(),
    scope: z.string(),
    parent: z.string().nullable(),
    status: z.enum(statuses),
    currentVersion: z.number().int(),
    publishedVersion: z.number().int().nullable(),
    reviewVersion: z.number().int().nullable(),
    reviewRequestedBy: z.string().nullable(),
    reviewComment: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    archivedAt: z.string().nullable(),
    working: versionSchema,
  })
  .meta({ id: 'EditorAnswer' });
export type EditorAnswer = z.infer<typeof editorAnswerSchema>;
