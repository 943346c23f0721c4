// GET /metrics in Prometheus's text format, and the hook that times every HTTP request. Federal
// coordinators and admins may read it; Prometheus uses an API token limited to "metrics".
import { z } from 'zod';
import { authorize } from '../access/authorize.ts';
import { FEDERAL } from '../access/principal.ts';
import { actorOf } from '../access/request-actor.ts';
import { problems, staffSecurity } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import type { Observability } from './registry.ts';

export function observabilityRoutes(app: App, o: Observability) {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unknown';
    // The metrics scrape itself and live streams (open for hours) would only blur the picture.
    if (route === '/metrics' || reply.getHeader('content-type')?.toString().startsWith('text/event-stream')) return;
    o.http.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', {
    schema: {
      tags: ['health'],
      security: staffSecurity,
      summary: 'Figures for Prometheus: per-region gauges, HTTP and database timings, the process',
      description: 'Text exposition format 0.0.4. Use an API token limited to the scope "metrics" (Authorization: Bearer …).',
      response: { 200: z.string(), ...problems(401, 403) },
    },
    handler: async (req, reply) => {
      authorize(actorOf(req), 'metrics.read', { region: FEDERAL });
      return reply.type(o.registry.contentType).send(await o.registry.metrics());
    },
  });
}
