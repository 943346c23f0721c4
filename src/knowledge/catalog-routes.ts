// /api/v1/kb/synonyms, /publications, /sections: the dictionary and what the knowledge base holds.
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { idParams, isoDateTime, problems, publicSecurity, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { AnswersService } from './answers-service.ts';
import { publicationsSchema, type PublicationsService } from './publications.ts';
import { synonymGroupSchema, synonymTermsSchema, type SynonymsService } from './synonyms.ts';

export function catalogRoutes(app: App, deps: { synonyms: SynonymsService; publications: PublicationsService; answers: AnswersService }) {
  const tags = ['knowledge'];

  app.get('/api/v1/kb/sections', {
    schema: {
      tags,
      security: publicSecurity,
      summary: 'Sections of the knowledge base with their number of published answers (public)',
      response: { 200: z.object({ items: z.array(z.object({ name: z.string(), answers: z.number().int() })) }) },
    },
    handler: async () => ({ items: await deps.answers.sections() }),
  });

  app.get('/api/v1/kb/synonyms', {
    schema: { tags, security: publicSecurity, summary: 'The synonym and abbreviation dictionary search uses', response: { 200: z.object({ items: z.array(synonymGroupSchema) }) } },
    handler: async () => ({ items: await deps.synonyms.all() }),
  });

  app.post('/api/v1/kb/synonyms', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Add a group of synonyms (federal editors)',
      body: z.object({ terms: synonymTermsSchema }),
      response: { 201: synonymGroupSchema, ...problems(400, 401, 403) },
    },
    handler: async (req, reply) => reply.code(201).send(await deps.synonyms.create(actorOf(req), req.body.terms)),
  });

  app.put('/api/v1/kb/synonyms/:id', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Replace the terms of a group',
      params: idParams,
      body: z.object({ terms: synonymTermsSchema }),
      response: { 200: synonymGroupSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => deps.synonyms.update(actorOf(req), req.params.id, req.body.terms),
  });

  app.delete('/api/v1/kb/synonyms/:id', {
    schema: { tags, security: staffSecurity, summary: 'Remove a group', params: idParams, response: { 204: z.null(), ...problems(401, 403, 404) } },
    handler: async (req, reply) => {
      await deps.synonyms.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/kb/publications', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Answers sent to call centres: publications, updates and withdrawals in a period, with counts',
      querystring: z.object({
        from: isoDateTime.optional().describe('Default: 30 days ago'),
        to: isoDateTime.optional().describe('Default: now'),
        section: z.string().max(200).optional(),
        limit: z.coerce.number().int().min(0).max(1000).default(100),
      }),
      response: { 200: publicationsSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => {
      const to = req.query.to ? new Date(req.query.to) : new Date();
      const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 30 * 86400_000);
      return deps.publications.feed(actorOf(req), { from, to, limit: req.query.limit, ...(req.query.section ? { section: req.query.section } : {}) });
    },
  });
}
