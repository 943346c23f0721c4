// What an agency officer reads of appeals (work.ts's list and get), as the API describes and checks
// it: the list's rows with the appellant masked, and one appeal with the appellant's data opened.
import { z } from 'zod';
import { appealStatuses } from './appeals-queries.ts';

const instant = z.string().describe('An instant, ISO 8601 in UTC');
const localDate = z.string().describe('A local date, YYYY-MM-DD, in the organisation’s time zone: due by the end of that day');

export const listedAppealSchema = z
  .object({
    number: z.string().describe('e.g. 122-2026-000123'),
    type: z.string().describe('The appeal type’s code (GET /api/v1/appeal-types names it)'),
    region: z.string().describe('The region code it was filed for'),
    organisationId: z.number().describe('The organisation it is with (GET /api/v1/organisations)'),
    channel: z.enum(['portal', 'operator', 'api', 'open311']),
    status: z.enum(appealStatuses),
    receivedAt: instant,
    registeredAt: instant,
    answerBy: localDate,
    extended: z.boolean().describe('The answer term was extended (59-FZ allows it once)'),
    appellant: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }).describe('Masked: enough to tell appeals apart, not to identify anyone'),
    overdue: z.boolean().describe('Open, and the due day has ended'),
  })
  .meta({ id: 'ListedAppeal' });

export const appealSchema = listedAppealSchema
  .extend({
    forwardBy: instant.describe('When it must have reached the organisation that answers it'),
    callId: z.string().nullable().describe('The call it was taken during (channel operator)'),
    consent: z.object({ text: z.string(), at: instant }).describe('The consent text (152-FZ) the appellant agreed to, and when'),
    personal: z
      .object({
        name: z.string(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
        address: z.string().nullable(),
        text: z.string(),
        values: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).describe('The type’s fields by code'),
      })
      .nullable()
      .describe('The appellant’s data, opened for this reading (audited); null once anonymised'),
    history: z.array(
      z.object({
        at: instant,
        actorId: z.number().nullable().describe('The account that took the step; null: the citizen or the system'),
        actorName: z.string().nullable().describe('That account’s display name; null: none, or the account is gone'),
        action: z.string().describe('registered, taken, answered, closed, rejected, redirected, extended, commented or anonymised'),
        from: z.string().nullable().describe('The status before'),
        to: z.string().nullable().describe('The status after; null: unchanged'),
        details: z.record(z.string(), z.unknown()).describe('No personal data: the channel, a reject reason, organisations’ codes, days, a due date, a comment’s visibility, a count of files'),
      }),
    ),
    comments: z.array(
      z.object({
        at: instant,
        authorId: z.number().nullable(),
        authorName: z.string().nullable().describe('The author’s display name; null: none, or the account is gone'),
        visibility: z.enum(['internal', 'citizen']),
        answer: z.boolean().describe('The answer, or the reason it was left without one'),
        text: z.string(),
      }),
    ),
    files: z.array(
      z.object({
        // (a bigserial: the database drivers give a number where the row's type says text)
        id: z.union([z.number(), z.string()]).describe('The file’s id, for GET /api/v1/appeals/{number}/files/{fileId}'),
        name: z.string(),
        contentType: z.string(),
        size: z.number().describe('Bytes'),
        from: z.enum(['citizen', 'answer']).describe('Filed by the citizen, or sent with the answer'),
      }),
    ),
  })
  .meta({ id: 'Appeal' });

/** What the citizen reads with the number and the code: no personal data, their own files not given back. */
export const appealStatusSchema = z
  .object({
    number: z.string(),
    type: z.string().describe('The appeal type’s name'),
    status: z.enum(appealStatuses),
    statusText: z.string().describe('The status as the citizen is told it, in Russian'),
    organisation: z.string().nullable().describe('The organisation that answers it'),
    registeredAt: instant,
    answerBy: localDate,
    extended: z.boolean(),
    messages: z
      .array(
        z.object({
          at: instant,
          answer: z.boolean().describe('The answer, or the reason it was left without one'),
          text: z.string(),
          files: z.array(
            z.object({
              id: z.union([z.number(), z.string()]).describe('For POST /api/v1/appeals/status/files/{id}'),
              name: z.string(),
              contentType: z.string(),
              size: z.number().describe('Bytes'),
            }),
          ),
        }),
      )
      .describe('The organisation’s messages to the citizen and the answer, oldest first'),
  })
  .meta({ id: 'AppealStatus' });
