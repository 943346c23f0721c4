// /api/v1/agent/calls/{callId}/transfer: the operator passes the call in conversation to another
// queue or a named colleague (the edge takes it from their phone and holds the caller until the
// next operator answers).
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import { agentStates } from './agents-queries.ts';
import type { AgentsService, TransferTo } from './agents-service.ts';
import type { Queues } from './queues.ts';

const params = z.object({ callId: z.string().min(1).max(100) });

const operatorTarget = z.object({
  username: z.string(),
  displayName: z.string(),
  region: z.string(),
  state: z.enum(agentStates).describe('Only a ready colleague can take the call now (offline ones are not listed)'),
});

const body = z
  .object({
    queue: z.string().trim().min(1).max(100).optional().describe('The queue’s name, e.g. general (with region)'),
    region: z
      .string()
      .regex(/^(federal|[0-9]{2})$/, 'a region code such as 77, or federal')
      .optional()
      .describe('The queue’s region, or federal for the reserve'),
    operator: z.string().trim().min(1).max(100).optional().describe('A colleague’s username, instead of a queue: their phone rings at once'),
  })
  .refine((b) => (b.operator === undefined ? b.queue !== undefined && b.region !== undefined : b.queue === undefined && b.region === undefined), {
    message: 'give either queue and region, or operator',
  });

const target = (b: z.infer<typeof body>): TransferTo => (b.operator !== undefined ? { operator: b.operator } : { queue: b.queue!, region: b.region! });

export function transferRoutes(app: App, deps: { agents: AgentsService; queues: Queues }) {
  app.get('/api/v1/agent/calls/:callId/transfer-targets', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: 'Where the operator may transfer their call: the call’s region’s queues, then the federal reserve’s; and the colleagues at work there, ready ones first',
      params,
      response: {
        200: z.object({ queues: z.array(z.object({ region: z.string(), name: z.string(), title: z.string() })), operators: z.array(operatorTarget) }),
        ...problems(401, 403, 404),
      },
    },
    handler: async (req) => deps.agents.transferTargets(actorOf(req), req.params.callId, deps.queues),
  });

  app.post('/api/v1/agent/calls/:callId/transfer', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: 'Transfer the call in conversation to a queue or a colleague; you are free at once',
      description:
        'To a queue (`queue` and `region`): the call waits there again (its first queueing time kept), the telephony edge gets the decision `transfer` (take the call from the operator’s phone, hold the caller) and then the usual `connect` for the next operator. To a colleague (`operator`, who must be ready, in the call’s region or the federal reserve): `transfer` and at once `connect` for them; unanswered within the queue’s ring timeout, the call goes back to its queue. 409 `call.not_in_conversation` unless the call is talking; 404 `operator.not_found`, 409 `operator.not_available` (not ready, or yourself).',
      params,
      body,
      response: { 204: z.null(), ...problems(400, 401, 403, 404, 409) },
    },
    handler: async (req, reply) => {
      await deps.agents.transfer(actorOf(req), req.params.callId, target(req.body), deps.queues);
      return reply.code(204).send(null);
    },
  });
}
