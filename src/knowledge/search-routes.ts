// /api/v1/kb/search, /suggest, /feedback, /queries: finding answers and learning from use.
import { z } from 'zod';
import { FEDERAL } from '../platform/access/principal.ts';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, publicSecurity, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { FeedbackService } from './feedback.ts';
import { queryReportSchema, type QueryStats } from './query-stats.ts';
import { slugSchema } from './schema.ts';
import type { KnowledgeSearch } from './search-service.ts';

const hitSchema = z.object({
  slug: z.string(),
  title: z.string(),
  section: z.string(),
  snippet: z.string().describe('HTML: an extract with the matches in <mark>; everything else escaped'),
  score: z.number(),
});

const region = z
  .string()
  .regex(/^[0-9]{2}$/, 'a two-digit region code')
  .optional()
  .describe("Search this region's supplements too (default: the signed-in user's region)");

export function searchRoutes(app: App, deps: { search: KnowledgeSearch; feedback: FeedbackService; queryStats: QueryStats }) {
  const tags = ['knowledge'];
  const regionOf = (asked: string | undefined, principal: { region: string } | null) => asked ?? (principal && principal.region !== FEDERAL ? principal.region : undefined);

  app.get('/api/v1/kb/search', {
    schema: {
      tags,
      security: publicSecurity,
      summary: 'Search the published answers (public)',
      description:
        'Russian morphology, ё = е, typing errors, text typed on the English layout, synonyms and abbreviations from the dictionary, ' +
        'question and phrasings weighted above the body, word proximity. When nothing fits, `items` is empty (and the query is counted for editors). ' +
        '`corrected` is the query as it was read, when a typing error was corrected, the layout converted or words joined or separated.',
      querystring: z.object({
        q: z.string().trim().min(1, 'type what to search for').max(500),
        limit: z.coerce.number().int().min(1).max(50).default(10),
        section: z.string().max(200).optional(),
        region,
      }),
      response: {
        200: z.object({
          items: z.array(hitSchema),
          total: z.number().int(),
          corrected: z.string().optional().describe('The query as it was read, in lower case; absent when read as typed or nothing was found.'),
          tookMs: z.number(),
        }),
        ...problems(400),
      },
    },
    handler: async (req) => {
      const { q, limit, section } = req.query;
      const r = regionOf(req.query.region, req.principal);
      return deps.search.search(q, { limit, ...(section ? { section } : {}), ...(r ? { region: r } : {}) });
    },
  });

  app.get('/api/v1/kb/suggest', {
    schema: {
      tags,
      security: publicSecurity,
      summary: 'Questions completing what is being typed (at most 5)',
      querystring: z.object({ q: z.string().max(200), region }),
      response: { 200: z.object({ items: z.array(z.string()).max(5) }), ...problems(400) },
    },
    handler: async (req) => {
      const r = regionOf(req.query.region, req.principal);
      return { items: deps.search.suggest(req.query.q, r ? { region: r } : {}) };
    },
  });

  app.post('/api/v1/kb/feedback', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Mark that an answer helped (or did not) for a query during a call',
      body: z.object({ query: z.string().trim().min(1).max(500), slug: slugSchema, helped: z.boolean().default(true) }),
      response: { 204: z.null(), ...problems(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      await deps.feedback.record(actorOf(req), req.body);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/kb/queries', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'What people ask and find no answer to, or no helpful one (editors)',
      description: '`unanswered`: searches that returned nothing. `poorly_answered`: searches that returned answers nobody marked as helpful.',
      querystring: z.object({
        period: z.enum(['day', 'week']).default('week'),
        kind: z.enum(['unanswered', 'poorly_answered']).default('unanswered'),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
      response: { 200: queryReportSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => deps.queryStats.report(actorOf(req), req.query.period, req.query.kind, req.query.limit),
  });
}
