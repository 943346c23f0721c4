// /api/v1/portal/views: how often each answer was read on the portal and found helpful, for
// editors and coordinators.
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { PortalService } from './service.ts';
import { missingReportSchema } from './vote-reasons.ts';
import { viewsReportSchema } from './views.ts';

export function portalApiRoutes(app: App, portal: PortalService) {
  app.get('/api/v1/portal/views', {
    schema: {
      tags: ['portal'],
      security: staffSecurity,
      summary: 'Views of answers on the public portal, with "did this help?" votes (editors, coordinators)',
      description: 'Counted per answer and day (Moscow time) without cookies or addresses. The default period, 7 days, is the one "popular" uses.',
      querystring: z.object({
        days: z.coerce.number().int().min(1).max(366).default(7).describe('The last this many days, today included'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: { 200: viewsReportSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => portal.views.report(actorOf(req), req.query.days, req.query.limit),
  });

  app.get('/api/v1/portal/missing', {
    schema: {
      tags: ['portal'],
      security: staffSecurity,
      summary: 'Answers portal readers said did not help, with what they said was missing (editors, coordinators)',
      description: 'Anonymous: the words only, numbers and e-mail addresses that could be someone’s masked as they were written. Most «Нет» votes first.',
      querystring: z.object({
        days: z.coerce.number().int().min(1).max(366).default(7).describe('The last this many days, today included'),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: missingReportSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => portal.reasons.report(actorOf(req), req.query.days, req.query.limit, (slug) => portal.catalog.answer(slug)?.title ?? null),
  });
}
