// /api/v1/regions/{code}/ivr-menu: the topics a caller chooses from by digit, per region.
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import { DEFAULT_TIMEOUT_SECONDS, MENU_DIGITS } from './ivr-default-menu.ts';
import type { IvrMenuService } from './ivr-menu-service.ts';
import { regionCodeSchema } from './schema.ts';

const params = z.object({ code: regionCodeSchema });
const itemSchema = z.object({
  digit: z.enum(MENU_DIGITS),
  section: z.string().trim().min(1).max(200).describe('A knowledge-base section name (GET /api/v1/kb/sections); its calls are reported with this topic'),
});

const menuSchema = z
  .object({
    region: z.string(),
    greeting: z.string().optional(),
    timeoutSeconds: z.number().int().describe('No digit pressed in this time: the general queue'),
    items: z.array(z.object({ digit: z.string(), section: z.string() })),
    stored: z.boolean().describe('false: the region has not set its own menu; this is the default one'),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'IvrMenu' });

const menuInputSchema = z.object({
  greeting: z.string().trim().min(1).max(1000).nullable().optional().describe('What the caller hears first, as text'),
  timeoutSeconds: z.number().int().min(3).max(60).default(DEFAULT_TIMEOUT_SECONDS),
  items: z
    .array(itemSchema)
    .min(1)
    .max(MENU_DIGITS.length)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.digit)) ctx.addIssue({ code: 'custom', path: [i, 'digit'], message: `digit ${item.digit} is used by an earlier item` });
        seen.add(item.digit);
      });
    }),
});

export function ivrMenuRoutes(app: App, deps: { ivrMenus: IvrMenuService }) {
  app.get('/api/v1/regions/:code/ivr-menu', {
    schema: {
      tags: ['telephony'],
      security: staffSecurity,
      summary: "A region's IVR menu: a digit per knowledge-base section (the region's edge and staff)",
      params,
      response: { 200: menuSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => deps.ivrMenus.get(actorOf(req), req.params.code),
  });

  app.put('/api/v1/regions/:code/ivr-menu', {
    schema: {
      tags: ['telephony'],
      security: staffSecurity,
      summary: "Set a region's IVR menu (admins of the region)",
      description: 'Digits 1–9, each once; every section must be one of the knowledge base’s (GET /api/v1/kb/sections).',
      params,
      body: menuInputSchema,
      response: { 200: menuSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => deps.ivrMenus.set(actorOf(req), req.params.code, req.body),
  });
}
