// /api/v1/telephony/calls/{callId}/wait: a waiting caller's place and estimated wait, for the edge.
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import { callStates } from './call-fold.ts';
import type { WaitService } from './wait-service.ts';

export function waitRoutes(app: App, deps: { waits: WaitService }) {
  app.get('/api/v1/telephony/calls/:callId/wait', {
    schema: {
      tags: ['telephony'],
      security: staffSecurity,
      summary: "A waiting call's place in its queue and estimated wait, to announce to the caller",
      params: z.object({ callId: z.string().min(1).max(100) }),
      response: {
        200: z.object({
          state: z.enum(callStates),
          position: z.number().int().nullable().describe('1 = next; null unless the call waits in a queue'),
          estimatedWaitSeconds: z.number().int().nullable().describe('null unless the call waits, or when no operator is at work'),
        }),
        ...problems(400, 401, 403, 404),
      },
    },
    handler: async (req) => deps.waits.estimate(actorOf(req), req.params.callId),
  });
}
