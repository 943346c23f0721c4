// GET /api/v1/navigator/catalog: what the published measures are (title, provider, category, the
// answers about them), for a client of the step API to show them. Fetched once per catalogue and
// kept by the client for the catalogue a step names, rather than sent with every step: with 1,500 measures, titles in each
// step made an answer of 1.3 MB and most of its time over HTTP (bench:navigator).
import { z } from 'zod';
import { ifNoneMatchHits } from '../platform/http/conditional.ts';
import { publicSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import { catalogTag } from './catalog-tag.ts';
import type { Navigator } from './engine.ts';
import { navigatorMeasuresSchema } from './step-schema.ts';

function measuresAnswer(nav: Navigator) {
  return {
    catalog: catalogTag(nav),
    measures: nav.catalog.measures.map((m) => ({ id: m.id, title: m.title, provider: m.provider, category: m.category, answerIds: m.answer_ids })),
  };
}

export function navigatorPublishedRoutes(app: App, deps: { navigator: () => Navigator }) {
  app.get('/api/v1/navigator/catalog', {
    schema: {
      tags: ['navigator'],
      security: publicSecurity,
      summary: 'The published support measures: title, provider, category and answers about each (public)',
      description:
        'What the step API’s results name by id. `catalog` is the published catalogue’s tag, also the ETag: a step names its catalogue, and a client holding another fetches this again (If-None-Match gives 304 while nothing changed).',
      response: { 200: navigatorMeasuresSchema, 304: z.null().describe('Not modified: the measures of the tag in If-None-Match are still those published') },
    },
    handler: async (req, reply) => {
      const nav = deps.navigator();
      const etag = `"${catalogTag(nav)}"`;
      // (no-store like every API answer: a client keeps the measures itself, by the tag a step names)
      reply.header('etag', etag).header('cache-control', 'no-store');
      if (ifNoneMatchHits(req.headers['if-none-match'], etag)) return reply.code(304).send(null);
      return measuresAnswer(nav);
    },
  });
}
