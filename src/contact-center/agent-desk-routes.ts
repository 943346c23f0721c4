// The operator's own desk, read-only: their figures today and their region's queue (the idle
// screen), and how long the call ringing for them rings before it goes to someone else.
import { z } from 'zod';
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL } from '../platform/access/principal.ts';
import { actorOf } from '../platform/access/request-actor.ts';
import type { Db } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import { problems, staffSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import { CALLBACK_REACH_SECONDS } from './acd/timers.ts';
import { answersUsedOnTopic, lastRingAt, operatorDay, regionWaiting } from './agent-desk-queries.ts';
import { callById } from './calls-queries.ts';
import type { Queues } from './queues.ts';

/** The ACD's ring timeout when the call's queue is unknown (as AcdTimers.ringDeadline). */
const DEFAULT_RING_SECONDS = 20;
/** How far back the answers used on a topic are counted. */
const TOPIC_DAYS = 30;

export const agentTodaySchema = z
  .object({
    date: z.string().describe('Today (YYYY-MM-DD) in the operator’s region'),
    answered: z.number().int().describe('Calls the operator answered today (a call passed on to a colleague counts as the colleague’s)'),
    averageTalkSeconds: z.number().int().nullable().describe('Average talk time of those that ended; null before the first'),
    queue: z.object({
      waiting: z.number().int().describe('Callers waiting in the operator’s region’s queues now'),
      longestWaitSeconds: z.number().int().describe('How long the first of them has waited; 0 when nobody waits'),
    }),
  })
  .meta({ id: 'AgentToday' });

export function agentDeskRoutes(app: App, deps: { db: Db; queues: Queues; timezoneOf: (region: string) => Promise<string>; clock: () => Date }) {
  app.get('/api/v1/agent/today', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: "The signed-in operator's figures today and their region's queue now",
      response: { 200: agentTodaySchema, ...problems(401, 403) },
    },
    handler: async (req) => {
      const p = authorize(actorOf(req), 'agent.work')!;
      const now = deps.clock();
      const timeZone = await deps.timezoneOf(p.region);
      const date = new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
      const day = await operatorDay(deps.db, p.userId, midnight(date, timeZone));
      return {
        date,
        answered: day.answered,
        averageTalkSeconds: day.talkSecondsAvg === null ? null : Math.round(day.talkSecondsAvg),
        queue: await regionWaiting(deps.db, p.region, now),
      };
    },
  });

  app.get('/api/v1/agent/calls/:callId/ring', {
    schema: {
      tags: ['operator'],
      security: staffSecurity,
      summary: 'How long the call ringing for you rings before it goes back to its queue',
      description:
        'ringTimeoutSeconds: the queue’s ring timeout (for a callback, with the time the edge takes to reach the caller); secondsLeft: what is left of it now. ' +
        'secondsLeft is null when the region’s own PBX routes the call (it decides when to stop). 404 `call.not_yours` unless the call rings for you now.',
      params: z.object({ callId: z.string().min(1).max(100) }),
      response: {
        200: z.object({ ringTimeoutSeconds: z.number().int().nullable(), secondsLeft: z.number().int().nullable() }),
        ...problems(401, 403, 404),
      },
    },
    handler: async (req) => {
      const p = authorize(actorOf(req), 'agent.work')!;
      const call = await callById(deps.db, req.params.callId);
      if (!call || call.operator_id !== p.userId || call.state !== 'ringing') throw notFound('call.not_yours', `Call ${req.params.callId} is not ringing for you.`);
      if (call.routed_by_pbx) return { ringTimeoutSeconds: null, secondsLeft: null };
      const timeout = (deps.queues.get(call.queue_id ?? 0)?.ringTimeoutSeconds ?? DEFAULT_RING_SECONDS) + (call.callback ? CALLBACK_REACH_SECONDS : 0);
      const since = (await lastRingAt(deps.db, call.call_id)) ?? call.ringing_at ?? deps.clock();
      const left = timeout - (deps.clock().getTime() - since.getTime()) / 1000;
      return { ringTimeoutSeconds: timeout, secondsLeft: Math.max(0, Math.round(left)) };
    },
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
      response: { 200: z.object({ items: z.array(z.object({ slug: z.string(), calls: z.number().int() })) }), ...problems(400, 401, 403) },
    },
    handler: async (req) => {
      const p = authorize(actorOf(req), 'agent.work')!;
      const since = new Date(deps.clock().getTime() - TOPIC_DAYS * 86_400_000);
      return { items: await answersUsedOnTopic(deps.db, req.query.topic, since, p.region === FEDERAL ? undefined : [p.region], req.query.limit) };
    },
  });
}

/** The instant a local date begins in a time zone (DST-safe: the zone's offset at that day's noon). */
function midnight(date: string, timeZone: string): Date {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const local = new Date(noonUtc.toLocaleString('en-US', { timeZone }));
  const utc = new Date(noonUtc.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(Date.parse(`${date}T00:00:00Z`) - (local.getTime() - utc.getTime()));
}
