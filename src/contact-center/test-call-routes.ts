// /api/v1/agent/test-call: in demo mode, the signed-in operator rings themselves a test call.
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { TestCalls } from './test-call.ts';

export function testCallRoutes(app: App, deps: { testCalls: TestCalls }) {
  app.post('/api/v1/agent/test-call', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: 'Demo mode only: ring yourself a test call',
      description:
        'otvet reports a call from a test number (+70000000122) in your region through the telephony events service, as an edge would, and rings you (you must be ready and have no call). Answer, hang up and wrap it up as any call; unanswered, the caller gives up when the ring times out, and answered, hangs up after five minutes. 404 `test_call.demo_only` unless otvet runs with --demo; 409 `test_call.not_ready` unless you are ready.',
      response: { 201: z.object({ callId: z.string() }), ...problems(401, 403, 404, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await deps.testCalls.ring(actorOf(req))),
  });
  app.addHook('onClose', async () => deps.testCalls.stop());
}
