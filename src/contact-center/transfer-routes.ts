// /api/v1/agent/calls/{callId}/transfer: the operator passes the call in conversation to another
// queue (the edge takes it from their phone and holds the caller until the next operator answers).
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { AgentsService } from './agents-service.ts';
import type { Queues } from './queues.ts';

const params = z.object({ callId: z.string().min(1).max(100) });

export function transferRoutes(app: App, deps: { agents: AgentsService; queues: Queues }) {
  app.get('/api/v1/agent/calls/:callId/transfer-targets', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: 'Where the operator may transfer their call: the call’s region’s queues, then the federal reserve’s',
      params,
      response: {
        200: z.object({ queues: z.array(z.object({ region: z.string(), name: z.string(), title: z.string() })) }),
        ...problems(401, 403, 404),
      },
    },
    handler: async (req) => deps.agents.transferTargets(actorOf(req), req.params.callId, deps.queues),
  });

  app.post('/api/v1/agent/calls/:callId/transfer', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: 'Transfer the call in conversation to a queue; you are free at once',
      description:
        'The call waits in that queue again (its first queueing time kept), the telephony edge gets the decision `transfer` (take the call from the operator’s phone, hold the caller) and then the usual `connect` for the next operator. 409 `call.not_in_conversation` unless the call is talking.',
      params,
      body: z.object({
        queue: z.string().trim().min(1).max(100).describe('The queue’s name, e.g. general'),
        region: z
          .string()
          .regex(/^(federal|[0-9]{2})$/, 'a region code such as 77, or federal')
          .describe('The queue’s region, or federal for the reserve'),
      }),
      response: { 204: z.null(), ...problems(400, 401, 403, 404, 409) },
    },
    handler: async (req, reply) => {
      await deps.agents.transfer(actorOf(req), req.params.callId, req.body, deps.queues);
      return reply.code(204).send(null);
    },
  });
}
