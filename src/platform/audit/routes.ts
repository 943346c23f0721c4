// /api/v1/audit: the audit log, for admins.
import { z } from 'zod';
import { actorOf } from '../access/request-actor.ts';
import { regionScopeSchema } from '../access/schema.ts';
import { INT32_MAX, isoDateTime, problems, queryBoolean, staffSecurity } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import type { AuditService } from './service.ts';

const recordSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.object({
      userId: z.number().int().nullable(),
      username: z.string().nullable(),
      role: z.string().nullable(),
      region: z.string().nullable(),
      via: z.string(),
    }),
    action: z.string(),
    target: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
    region: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditRecord' });

export function auditRoutes(app: App, deps: { audit: AuditService }) {
  app.get('/api/v1/audit', {
    schema: {
      tags: ['audit'],
      security: staffSecurity,
      summary: 'Read the audit log, newest first',
      description: 'Page with `before` = the `nextBefore` of the previous page. A regional admin sees the records of their region.',
      querystring: z.object({
        region: regionScopeSchema.optional(),
        action: z
          .string()
          .regex(/^[a-z_]+(\.[a-z_]+)*$/, 'a dotted action name such as user or user.create')
          .optional(),
        actor: z.string().max(64).optional(),
        targetType: z
          .string()
          .regex(/^[a-z_]+$/, 'a kind of object such as user or token')
          .optional()
          .describe("What was acted on: the records' target.type"),
        targetId: z.string().trim().min(1).max(64).optional().describe("With targetType: one object's records (target.id)"),
        changesOnly: queryBoolean.optional().describe('Leave out the reads (lists, views of a record or of personal data, of this log): actions named *.list, *.read, *.read_…, *_read'),
        from: isoDateTime.optional(),
        to: isoDateTime.optional(),
        before: z.coerce.number().int().positive().max(INT32_MAX).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: { 200: z.object({ items: z.array(recordSchema), nextBefore: z.number().int().nullable() }), ...problems(400, 401, 403) },
    },
    handler: async (req) => {
      const { from, to, ...rest } = req.query;
      return deps.audit.list(actorOf(req), {
        ...rest,
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
      });
    },
  });
}
