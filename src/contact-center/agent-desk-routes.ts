// /api/v1/agent/today, /agent/topic-answers, /agent/calls/{callId}/ring: the operator's own desk.
import { z } from 'zod';
import { actorOf } from '../platform/access/request-actor.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import { agentTodaySchema, ringLeftSchema, topicAnswersSchema, type AgentDeskService } from './agent-desk-service.ts';

export function agentDeskRoutes(app: App, deps: { desk: AgentDeskService }) {
  app.get('/api/v1/agent/today', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: "The signed-in operator's figures today and their region's queue now",
      response: { 200: agentTodaySchema, ...problems(401, 403) },
    },
    handler: async (req) => deps.desk.today(actorOf(req)),
  });

  app.get('/api/v1/agent/topic-answers', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: 'The answers most used on calls about a topic in the last 30 days (the workstation suggests them)',
      description: 'Counted in the operator’s region (a federal operator: all regions), on calls whose IVR topic or wrap-up topics include it. Slugs and counts only.',
      querystring: z.object({
        topic: z.string().trim().min(1, 'say which topic').max(200),
        limit: z.coerce.number().int().min(1).max(20).default(5),
      }),
      response: { 200: topicAnswersSchema, ...problems(400, 401, 403) },
    },
    handler: async (req) => deps.desk.topicAnswers(actorOf(req), req.query.topic, req.query.limit),
  });

  app.get('/api/v1/agent/calls/:callId/ring', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: 'How long the call ringing for you rings before it goes back to its queue',
      description:
        'ringTimeoutSeconds: the queue’s ring timeout (for a callback, with the time the edge takes to reach the caller); secondsLeft: what is left of it now. ' +
        'Both null when the region’s own PBX routes the call (it decides when to stop). 404 `call.not_yours` unless the call rings for you now.',
      params: z.object({ callId: z.string().min(1).max(100) }),
      response: { 200: ringLeftSchema, ...problems(401, 403, 404) },
    },
    handler: async (req) => deps.desk.ringLeft(actorOf(req), req.params.callId),
  });
}
