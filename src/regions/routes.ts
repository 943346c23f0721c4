// /api/v1/regions and /api/v1/call-centre-defaults.
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, publicSecurity, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import { defaultsSchema, overridesSchema, regionCodeSchema, regionSchema, regionSettingsSchema } from './schema.ts';
import type { RegionsService } from './service.ts';

const codeParams = z.object({ code: regionCodeSchema });

export function regionsRoutes(app: App, deps: { regions: RegionsService }) {
  const tags = ['regions'];

  app.get('/api/v1/regions', {
    schema: {
      tags,
      security: publicSecurity,
      summary: 'All regions with their time zones (public)',
      response: { 200: z.object({ items: z.array(regionSchema) }) },
    },
    handler: async () => ({ items: await deps.regions.list() }),
  });

  app.get('/api/v1/regions/:code', {
    schema: { tags, security: publicSecurity, summary: 'One region (public)', params: codeParams, response: { 200: regionSchema, ...problems(400, 404) } },
    handler: async (req) => deps.regions.get(req.params.code),
  });

  app.get('/api/v1/regions/:code/settings', {
    schema: {
      tags,
      security: staffSecurity,
      summary: "A region's call-centre settings: hours and norms, with what it overrides",
      params: codeParams,
      response: { 200: regionSettingsSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => deps.regions.settings(actorOf(req), req.params.code),
  });

  app.put('/api/v1/regions/:code/settings', {
    schema: {
      tags,
      security: staffSecurity,
      summary: "Replace a region's overrides of the federal defaults",
      description: 'Send the complete set of overrides; whatever is left out follows the federal defaults.',
      params: codeParams,
      body: overridesSchema,
      response: { 200: regionSettingsSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => deps.regions.updateSettings(actorOf(req), req.params.code, req.body),
  });

  app.get('/api/v1/call-centre-defaults', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Federal default hours and norms of every call centre',
      response: { 200: defaultsSchema, ...problems(401, 403) },
    },
    handler: async (req) => deps.regions.defaults(actorOf(req)),
  });

  app.put('/api/v1/call-centre-defaults', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Change the federal defaults (federal coordinators and admins)',
      body: defaultsSchema,
      response: { 200: defaultsSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => deps.regions.updateDefaults(actorOf(req), req.body),
  });
}
