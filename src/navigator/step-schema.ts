// What a step of the navigator answers over HTTP (POST /api/v1/navigator/step): every measure's
// truth, why for those the client shows, the next question, the questions asked; and what the
// measures are (GET /api/v1/navigator/catalog), fetched once per catalogue rather than with every
// step. Its own file so that the routes and the writer of a step's bytes (step-json.ts) all read it
// without importing each other.
import { z } from 'zod';

const explanationSchema = z.object({
  held: z.array(z.string()).describe('Conditions that hold, in Russian'),
  failed: z.array(z.string()).describe('Conditions that fail'),
  open: z.array(z.string()).describe('Conditions not yet known (questions still to answer)'),
  judged: z.array(z.string()).describe('Conditions only a person can judge: shown, not evaluated'),
});

const optionSchema = z.object({ value: z.string(), label: z.string() });

const catalogTag = z.string().describe('The published catalogue the answer is of; it changes when editors publish (GET /api/v1/navigator/catalog tells what its measures are)');

export const navigatorMeasuresSchema = z.object({
  catalog: catalogTag,
  measures: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      provider: z.string(),
      category: z.string(),
      answerIds: z.array(z.string()).describe('Slugs of the knowledge-base answers about the measure'),
    }),
  ),
});

export const navigatorStepSchema = z.object({
  catalog: catalogTag,
  results: z.array(
    z.object({
      id: z.string(),
      truth: z.enum(['yes', 'no', 'unknown']).describe('yes: eligible; no: not eligible; unknown: possibly (still open)'),
      explanation: explanationSchema
        .optional()
        .describe('Why: given for the measures found eligible, for those possibly eligible once no question is left, and for those the request named in explain'),
    }),
  ),
  next: z
    .object({
      var: z.string(),
      question: z.string(),
      hint: z.string().optional(),
      type: z.enum(['choice', 'boolean', 'number']),
      options: z.array(optionSchema).optional(),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .nullable()
    .describe('The question to ask now; null when no open measure can change'),
  asked: z.array(z.string()).describe('The questions that mattered, in the order the wizard asked them'),
});
