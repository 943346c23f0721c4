// /api/v1/monitoring: the wallboard (now, and live over SSE), alerts, webhook subscribers.
import { z } from 'zod';
import { authorize, regionFilter } from '../platform/access/authorize.ts';
import { actorOf } from '../platform/access/request-actor.ts';
import type { Fanout } from '../platform/events/fanout.ts';
import { idParams, problems, staffSecurity } from '../platform/http/schemas.ts';
import { openSse, type SseClient } from '../platform/http/sse.ts';
import type { App } from '../platform/http/types.ts';
import { alertSchema, alertsQuerySchema, intradaySchema, regionAppealsSchema, trendsSchema, wallboardSchema, webhookRequestSchema, webhookSchema } from './schema.ts';
import type { MonitoringService } from './service.ts';

/** Pushed at most this often while calls move; a quiet board still gets a fresh copy now and then. */
const PUSH_MS = 1000;
const QUIET_MS = 10_000;

/** changes: told by the module's subscribe() when the figures may have changed. */
export function monitoringRoutes(app: App, deps: { monitoring: MonitoringService; changes: Fanout<void> }) {
  const tags = ['monitoring'];
  const m = deps.monitoring;

  app.get('/api/v1/monitoring/wallboard', {
    schema: { tags, security: staffSecurity, summary: 'Every region now against its norms, national totals, top topics, open alerts', response: { 200: wallboardSchema, ...problems(401, 403) } },
    handler: async (req) => m.wallboard(actorOf(req)),
  });

  app.get('/api/v1/monitoring/intraday', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Today by 15 minutes beside the same weekday a week before: a region’s local day, or the country’s on Moscow time',
      description:
        'Each interval’s calls offered and answered and its service level (each region’s calls by its own threshold). Intervals after the one running now are null. A regional account gets its own region.',
      querystring: z.object({
        region: z
          .string()
          .regex(/^[0-9]{2}$/, 'a two-digit region code such as 77')
          .optional(),
      }),
      response: { 200: intradaySchema, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => m.intraday(actorOf(req), req.query.region),
  });

  // Live: one computation per scope per push, shared by every board of that scope.
  const boards = new Set<{ scope: string | undefined; sse: SseClient }>();
  let dirty = false;
  let last = 0;
  let pushing = false;
  const push = async () => {
    if (pushing || !boards.size) return;
    if (!dirty && Date.now() - last < QUIET_MS) return;
    pushing = true;
    dirty = false;
    last = Date.now();
    try {
      const byScope = new Map<string, Awaited<ReturnType<MonitoringService['snapshot']>>>();
      for (const b of [...boards]) {
        const key = b.scope ?? '*';
        if (!byScope.has(key)) byScope.set(key, await m.snapshot(b.scope));
        b.sse.send({ event: 'wallboard', data: byScope.get(key) });
      }
    } catch (err) {
      app.log.warn({ err }, 'monitoring: wallboard push failed');
    } finally {
      pushing = false;
    }
  };
  const timer = setInterval(() => void push(), PUSH_MS);
  timer.unref();
  const stop = deps.changes.listen(() => {
    dirty = true;
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    stop();
  });

  app.get('/api/v1/monitoring/events', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'The wallboard, live (Server-Sent Events)',
      description: 'Event `wallboard` carries the same body as GET /api/v1/monitoring/wallboard: at once, then within a second of any change.',
      response: { 200: z.string().describe('text/event-stream'), ...problems(401, 403) },
    },
    handler: async (req, reply) => {
      const ctx = actorOf(req);
      authorize(ctx, 'monitoring.read');
      const scope = regionFilter(ctx, undefined);
      const first = await m.snapshot(scope);
      const sse = openSse(req, reply);
      const board = { scope, sse };
      boards.add(board);
      sse.onClose(() => boards.delete(board));
      sse.send({ event: 'wallboard', data: first });
    },
  });

  app.get('/api/v1/monitoring/regions/:code/appeals', {
    schema: {
      tags,
      security: staffSecurity,
      summary: "A region's citizens' appeals now: open, overdue and the overdue share (counts, never content; the wallboard's region detail)",
      params: z.object({ code: z.string().regex(/^[0-9]{2}$/, 'a two-digit region code such as 77') }),
      response: { 200: regionAppealsSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => m.regionAppeals(actorOf(req), req.params.code),
  });

  app.get('/api/v1/monitoring/trends', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'What people ask now: topics surging against the same hours of the last 7 days, and searches that found no answer',
      description: 'A topic surges when its share of calls is at least 1.5 times its usual share, 3 standard deviations above it, with 5 calls or more (docs/metrics.md).',
      querystring: z.object({ window: z.enum(['hour', 'day']).default('hour'), region: alertsQuerySchema.shape.region }),
      response: { 200: trendsSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => m.trends(actorOf(req), req.query.window, req.query.region),
  });

  app.get('/api/v1/monitoring/alerts', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Alerts that were open in a span (default: the last 7 days), newest first',
      querystring: alertsQuerySchema,
      response: { 200: z.object({ items: z.array(alertSchema) }), ...problems(400, 401, 403) },
    },
    handler: async (req) => ({ items: await m.alerts(actorOf(req), req.query) }),
  });

  app.get('/api/v1/monitoring/webhooks', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Subscribers told of alerts',
      response: { 200: z.object({ items: z.array(webhookSchema.extend({ pendingDeliveries: z.number().int(), lastError: z.string().nullable() })) }), ...problems(401, 403) },
    },
    handler: async (req) => ({ items: await m.webhooks(actorOf(req)) }),
  });

  app.post('/api/v1/monitoring/webhooks', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Subscribe an address to alerts (the signing secret is shown once)',
      body: webhookRequestSchema,
      response: { 201: webhookSchema.extend({ secret: z.string() }), ...problems(400, 401, 403) },
    },
    handler: async (req, reply) => reply.code(201).send(await m.createWebhook(actorOf(req), req.body)),
  });

  app.delete('/api/v1/monitoring/webhooks/:id', {
    schema: { tags, security: staffSecurity, summary: 'Stop telling a subscriber', params: idParams, response: { 204: z.null(), ...problems(401, 403, 404) } },
    handler: async (req, reply) => {
      await m.deleteWebhook(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  });
}
