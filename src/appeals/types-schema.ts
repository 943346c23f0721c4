// What an appeal type is, as admins write it: its form's fields and their rules, its deadline
// rules, the consent text. Also the organisations that answer appeals and the routing table.
import { z } from 'zod';
import { DEFAULT_DEADLINE_RULES, deadlineRulesSchema } from './deadlines.ts';

export type { DeadlineRules } from './deadlines.ts';

export const fieldKinds = ['text', 'long_text', 'choice', 'multi_choice', 'date', 'number', 'phone', 'email', 'file'] as const;
export type FieldKind = (typeof fieldKinds)[number];

const codeSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,62}$/, 'lower-case latin letters, digits, - and _, 2 to 63 characters');

export const fieldSchema = z
  .object({
    code: codeSchema.describe('The field’s name in forms and the API, e.g. summons_date'),
    label: z.string().trim().min(1).max(200).describe('What the form says, in Russian'),
    hint: z.string().max(500).optional(),
    kind: z.enum(fieldKinds),
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(200)).min(1).max(100).optional().describe('For choice and multi_choice'),
    min: z.number().optional().describe('number: the least value; date: days from today (negative: in the past)'),
    max: z.number().optional().describe('number: the greatest value; date: days from today'),
    maxLength: z.int().min(1).max(20000).optional(),
    pattern: z.string().max(200).optional().describe('A regular expression the text must match'),
    patternMessage: z.string().max(200).optional().describe('What to say when it does not'),
  })
  .superRefine((f, ctx) => {
    const choice = f.kind === 'choice' || f.kind === 'multi_choice';
    if (choice && !f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${f.kind} field needs options` });
    if (!choice && f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `only choice fields have options, not ${f.kind}` });
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) ctx.addIssue({ code: 'custom', path: ['min'], message: 'min is greater than max' });
    if (f.pattern !== undefined) {
      try {
        new RegExp(f.pattern, 'u');
      } catch {
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'not a valid regular expression' });
      }
    }
  });
export type Field = z.infer<typeof fieldSchema>;

/** The appellant's own fields every type has; the type's fields come after them. */
export const reservedFieldCodes = ['name', 'phone', 'email', 'address', 'text', 'consent', 'type', 'region'] as const;

/** The type's parts, before the checks across them (a request body names its code in the path). */
export const appealTypeFields = z.object({
  code: codeSchema,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(4000).default(''),
  fields: z.array(fieldSchema).max(40).default([]),
  deadlines: deadlineRulesSchema.default({ ...DEFAULT_DEADLINE_RULES }),
  consentText: z.string().trim().min(20).max(4000).describe('What the citizen agrees to (152-FZ), shown with the form and kept with each appeal'),
  active: z.boolean().default(true),
});

/** The fields' codes across the type: none of the appellant's own, none twice. */
function checkFieldCodes(t: { fields: Field[] }, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  t.fields.forEach((f, i) => {
    if ((reservedFieldCodes as readonly string[]).includes(f.code)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'code'], message: `"${f.code}" is the appellant's own field` });
    if (seen.has(f.code)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'code'], message: `"${f.code}" twice` });
    seen.add(f.code);
  });
}

export const appealTypeSchema = appealTypeFields.superRefine(checkFieldCodes);

/** A PUT's body (the code is in the path): checked across fields too, so a code twice is a 400 at its field, not a failure inside. */
export const appealTypeBody = appealTypeFields.omit({ code: true }).superRefine(checkFieldCodes);
export type AppealTypeInput = z.input<typeof appealTypeSchema>;
export type AppealType = z.infer<typeof appealTypeSchema>;

export const organisationSchema = z.object({
  code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case latin letters, digits and -, 2 to 63 characters'),
  name: z.string().trim().min(1).max(300),
  region: z
    .string()
    .regex(/^[0-9]{2}$/, 'a region code such as 77')
    .nullable()
    .describe('null: a federal organisation'),
  timezone: z.string().max(64).nullable().default(null).describe('IANA zone its deadlines count in; null: its region’s (Moscow’s if federal)'),
  email: z.email().nullable().default(null),
  active: z.boolean().default(true),
});
export type Organisation = z.infer<typeof organisationSchema> & { id: number };

/** Who answers a type in a region ("*": every region without a row of its own). */
export const routeSchema = z.object({
  type: codeSchema,
  region: z.string().regex(/^(\*|[0-9]{2})$/, 'a region code such as 77, or * for every other region'),
  organisation: z.string().min(2).max(63),
});
export type Route = z.infer<typeof routeSchema>;
