// Shapes of the navigator's editing API: what an editor sends for a question or a measure, and the
// entry with its workflow state and working copy that comes back.
import { z } from 'zod';
import { measureSchema, questionSchema } from './catalog-schema.ts';

export const entryStatuses = ['draft', 'in_review', 'published', 'archived'] as const;
export const entryKinds = ['question', 'measure'] as const;

const note = z.string().trim().max(500).optional().describe('What changed and why (kept with the version)');
const baseVersion = z
  .number()
  .int()
  .min(1)
  .max(2_147_483_647)
  .optional()
  .describe('The version the edit started from: when someone saved a newer one in between, the answer is 409 `navigator.version_conflict` instead of overwriting it');

/**
 * A measure as the API takes it: the catalogue's measure, its rule taken as any JSON and checked by
 * the service against the questions, so that every mistake is said in Russian at its path.
 */
export const measureContentSchema = measureSchema.extend({
  eligibility: z
    .unknown()
    .describe(
      'Who is eligible, in the rule language: {"all": [...]}, {"any": [...]}, {"not": ...} over conditions {"var": <question>, "eq" | "in" | "gte" | "lte": <value>} (docs/navigator.md). Checked against the questions not archived: problems come back as a 400 whose errors name the path, e.g. body.content.eligibility.all.1.in.0',
    ),
});

export const newQuestionSchema = z.object({ content: questionSchema.describe('The question, as data/demo/navigator/navigator_questions.json writes one'), note });
export const newMeasureSchema = z.object({ content: measureContentSchema.describe('The measure, as data/demo/navigator/support_measures.json writes one'), note });
export const editQuestionSchema = newQuestionSchema.extend({ baseVersion });
export const editMeasureSchema = newMeasureSchema.extend({ baseVersion });
export type NewEntry = { content: Record<string, unknown>; note?: string | undefined };
export type EditEntry = NewEntry & { baseVersion?: number | undefined };

export const entryVersionSchema = z
  .object({
    version: z.number().int(),
    content: z.record(z.string(), z.unknown()).describe('The question or the measure in this version'),
    note: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable().describe('Who saved it (username)'),
  })
  .meta({ id: 'NavigatorEntryVersion' });
export type EntryVersionView = z.infer<typeof entryVersionSchema>;

/** The editors' view of a question or a measure: its workflow state and working copy. */
export const editorEntrySchema = z
  .object({
    kind: z.enum(entryKinds),
    key: z.string().describe('The question’s var or the measure’s id'),
    status: z.enum(entryStatuses).describe('Of the working copy: draft, in_review (waiting for another editor or a coordinator), published, archived'),
    currentVersion: z.number().int().describe('The working copy’s version'),
    publishedVersion: z.number().int().nullable().describe('The version the wizard, the operators and the HSDS export use; null when none is'),
    reviewVersion: z.number().int().nullable().describe('The version sent for review'),
    reviewRequestedBy: z.string().nullable(),
    reviewComment: z.string().nullable().describe('Why the reviewer sent it back'),
    position: z.number().int().describe('Questions: the place in the tie-break order of the next question; measures: in the list'),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
    archivedAt: z.string().nullable(),
    working: entryVersionSchema,
  })
  .meta({ id: 'NavigatorEntry' });
export type EditorEntry = z.infer<typeof editorEntrySchema>;
