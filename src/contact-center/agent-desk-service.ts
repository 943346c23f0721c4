// The operator's own desk, read-only: their figures today and their region's queue (the idle
// screen), how long the call ringing for them still rings, and the answers most used on a topic.
import { z } from 'zod';
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext } from '../platform/access/principal.ts';
import type { Db } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
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
export type AgentToday = z.infer<typeof agentTodaySchema>;

export const ringLeftSchema = z.object({
  ringTimeoutSeconds: z.number().int().nullable(),
  secondsLeft: z.number().int().nullable(),
});

export const topicAnswersSchema = z.object({ items: z.array(z.object({ slug: z.string(), calls: z.number().int() })) });

export class AgentDeskService {
  constructor(
    private readonly db: Db,
    private readonly queues: Queues,
    private readonly timezoneOf: (region: string) => Promise<string>,
    private readonly clock: () => Date,
  ) {}

  async today(ctx: ActorContext): Promise<AgentToday> {
    const p = authorize(ctx, 'agent.work')!;
    const now = this.clock();
    const timeZone = await this.timezoneOf(p.region);
    const date = new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
    const day = await operatorDay(this.db, p.userId, midnight(date, timeZone));
    return {
      date,
      answered: day.answered,
      averageTalkSeconds: day.talkSecondsAvg === null ? null : Math.round(day.talkSecondsAvg),
      queue: await regionWaiting(this.db, p.region, now),
    };
  }

  /** The queue's ring timeout (a callback's with the time to reach the caller) and what is left of it. */
  async ringLeft(ctx: ActorContext, callId: string): Promise<z.infer<typeof ringLeftSchema>> {
    const p = authorize(ctx, 'agent.work')!;
    const call = await callById(this.db, callId);
    if (!call || call.operator_id !== p.userId || call.state !== 'ringing') throw notFound('call.not_yours', `Call ${callId} is not ringing for you.`);
    // (the region's PBX decides when its ring stops)
    if (call.routed_by_pbx) return { ringTimeoutSeconds: null, secondsLeft: null };
    const timeout = (this.queues.get(call.queue_id ?? 0)?.ringTimeoutSeconds ?? DEFAULT_RING_SECONDS) + (call.callback ? CALLBACK_REACH_SECONDS : 0);
    const since = (await lastRingAt(this.db, call.call_id)) ?? call.ringing_at ?? this.clock();
    const left = timeout - (this.clock().getTime() - since.getTime()) / 1000;
    return { ringTimeoutSeconds: timeout, secondsLeft: Math.max(0, Math.round(left)) };
  }

  /** In the operator's region (the reserve centre's: all), the last 30 days. */
  async topicAnswers(ctx: ActorContext, topic: string, limit: number): Promise<z.infer<typeof topicAnswersSchema>> {
    const p = authorize(ctx, 'agent.work')!;
    const since = new Date(this.clock().getTime() - TOPIC_DAYS * 86_400_000);
    return { items: await answersUsedOnTopic(this.db, topic, since, p.region === FEDERAL ? undefined : [p.region], limit) };
  }
}

/** The instant a local date begins in a time zone (DST-safe: the zone's offset at that day's noon). */
function midnight(date: string, timeZone: string): Date {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const local = new Date(noonUtc.toLocaleString('en-US', { timeZone }));
  const utc = new Date(noonUtc.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(Date.parse(`${date}T00:00:00Z`) - (local.getTime() - utc.getTime()));
}
