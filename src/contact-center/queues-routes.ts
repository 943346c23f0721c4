// /api/v1/queues: the queues of a region and their routing settings.
import { z } from 'zod';
import { authorize, regionFilter } from '../platform/access/authorize.ts';
import { actorOf } from '../platform/access/request-actor.ts';
import type { AuditService } from '../platform/audit/service.ts';
import type { Db } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import { idParams, problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import { escalationStepSchema, type Queues } from './queues.ts';

const queueSchema = z
  .object({
    id: z.number().int(),
    region: z.string(),
    name: z.string(),
    title: z.string(),
    skills: z.array(z.string()),
    escalation: z.array(escalationStepSchema),
    callbackThresholdSeconds: z.number().int(),
    ringTimeoutSeconds: z.number().int(),
    wrapUpSeconds: z.number().int().nullable(),
  })
  .meta({ id: 'Queue' });

export function queuesRoutes(app: App, deps: { queues: Queues; db: Db; audit: AuditService }) {
  app.get('/api/v1/queues', {
    schema: {
      tags: ['supervisor'],
      security: staffSecurity,
      summary: 'Queues with their skills, escalation steps and callback threshold',
      querystring: z.object({
        region: z
          .string()
          .regex(/^(federal|[0-9]{2})$/)
          .optional(),
      }),
      response: { 200: z.object({ items: z.array(queueSchema) }), ...problems(400, 401, 403) },
    },
    handler: async (req) => {
      const ctx = actorOf(req);
      authorize(ctx, 'calls.read_all');
      const region = regionFilter(ctx, req.query.region);
      return { items: region ? deps.queues.ofRegion(region) : deps.queues.all() };
    },
  });

  app.put('/api/v1/queues/:id', {
    schema: {
      tags: ['supervisor'],
      security: staffSecurity,
      summary: "Change a queue's routing settings",
      params: idParams,
      body: z.object({
        title: z.string().trim().min(1).max(200).optional(),
        skills: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
        escalation: z.array(escalationStepSchema).max(10).optional(),
        callbackThresholdSeconds: z.number().int().min(0).max(7200).optional(),
        ringTimeoutSeconds: z.number().int().min(5).max(120).optional(),
        wrapUpSeconds: z.number().int().min(0).max(3600).nullable().optional().describe('Close the wrap-up by itself after this many seconds (0 = at once); null = the operator does'),
      }),
      response: { 200: queueSchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => {
      const ctx = actorOf(req);
      const queue = deps.queues.get(req.params.id);
      const missing = notFound('queue.not_found', `There is no queue ${req.params.id}.`);
      if (!queue) {
        authorize(ctx, 'queues.manage');
        throw missing;
      }
      authorize(ctx, 'queues.manage', { region: queue.region, notFound: missing });
      await deps.db.transaction(async (tx) => {
        await deps.queues.update(tx, queue.id, req.body);
        await deps.audit.record(ctx, { action: 'queue.update', targetType: 'queue', targetId: queue.id, region: queue.region === 'federal' ? null : queue.region, details: req.body }, tx);
      });
      await deps.queues.load();
      return deps.queues.get(queue.id)!;
    },
  });
}
