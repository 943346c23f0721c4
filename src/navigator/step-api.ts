// POST /api/v1/navigator/step: the wizard's step as JSON, for the operator's panel (and anyone's
// client). Public like the portal's wizard: the answers come in the body, are checked against the
// questions, used and forgotten — nothing of them is stored (a step only adds to counts: usage.ts),
// and request bodies are never logged.
import { z } from 'zod';
import { problems, publicSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { Question } from './catalog-schema.ts';
import { catalogTag } from './catalog-tag.ts';
import type { Answers, Navigator } from './engine.ts';
import { stepWriter, type Explain, type stepAnswer } from './step-json.ts';
import { navigatorStepSchema } from './step-schema.ts';
import { stepCaller, type NavigatorUsage } from './usage.ts';

/** Why a value cannot answer this question (English, like the API's other messages), or null. */
export function answerProblem(q: Question, value: unknown): string | null {
  if (q.type === 'choice') {
    return typeof value === 'string' && q.options!.some((o) => o.value === value) ? null : `must be one of ${q.options!.map((o) => o.value).join(', ')}`;
  }
  if (q.type === 'boolean') return typeof value === 'boolean' ? null : 'must be true or false';
  const min = q.min ?? 0;
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
  if (value < min || (q.max !== undefined && value > q.max)) return q.max === undefined ? `must be at least ${min}` : `must be from ${min} to ${q.max}`;
  return null;
}

/** navigator: the navigator of what is published now (it changes when editors publish). */
export function navigatorStepRoutes(app: App, deps: { navigator: () => Navigator; usage?: NavigatorUsage }) {
  const write = stepWriter(navigatorStepSchema);
  const body = z.object({
    answers: z
      .record(z.string().max(64), z.union([z.string().max(64), z.number(), z.boolean()]))
      .default({})
      .describe('The answers so far by question var: an option’s value, true / false, or a whole number')
      .superRefine((answers, ctx) => {
        const nav = deps.navigator();
        for (const [name, value] of Object.entries(answers)) {
          const q = nav.question(name);
          const message = q ? answerProblem(q, value) : 'is no question of the navigator';
          if (message) ctx.addIssue({ code: 'custom', path: [name], message });
        }
      }),
    explain: z
      .union([z.literal('all'), z.array(z.string().max(64)).max(200)])
      .optional()
      .describe('Measures to explain besides the eligible ones (and, once no question is left, the possibly eligible): their ids, or "all"')
      .superRefine((explain, ctx) => {
        if (!Array.isArray(explain)) return;
        const nav = deps.navigator();
        explain.forEach((id, i) => {
          if (!nav.hasMeasure(id)) ctx.addIssue({ code: 'custom', path: [i], message: 'is no published measure' });
        });
      }),
  });

  app.post('/api/v1/navigator/step', {
    // (who calls is looked up only to count the workstation's steps apart from other clients': usage.ts)
    schema: {
      tags: ['navigator'],
      security: publicSecurity,
      summary: 'One step of the navigator of support measures: every measure yes / no / unknown, why for those shown, and the next question (public)',
      description:
        'The answers so far go in; every measure comes out by id eligible (yes), not eligible (no) or possibly (unknown), with the next question worth asking (null when nothing open can change). The eligible measures come with why (the conditions that held, failed, are open or only a person can judge), and once no question is left the possibly eligible too; `explain` asks for others. What the ids are (titles, providers, answers) is told once per catalogue by GET /api/v1/navigator/catalog. An unknown question or an impossible value is a 400 naming body.answers.<var>. Nothing is stored or logged.',
      body,
      response: { 200: navigatorStepSchema, ...problems(400) },
    },
    handler: async (req, reply) => {
      // (one navigator for the whole step: a publication meanwhile does not mix two catalogues)
      const nav = deps.navigator();
      const explain: Explain = req.body.explain === 'all' ? 'all' : new Set(req.body.explain);
      const step = nav.step(req.body.answers as Answers);
      deps.usage?.apiStep(stepCaller(req.principal), step);
      // Bytes, which fastify sends as they are. The schema still describes them: step-json.ts writes
      // what its serializer would for stepAnswer(), from parts kept between steps (much faster).
      const bytes: unknown = write(step, catalogTag(nav), explain);
      return reply.header('content-type', 'application/json; charset=utf-8').send(bytes as ReturnType<typeof stepAnswer>);
    },
  });
}
