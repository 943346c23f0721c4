// What the ACD does as time passes, from its memory (mirror.ts): rings that went unanswered,
// escalation steps and callback offers, wrap-ups that ran over their queue's limit, and, after a
// restart, rings in progress and callers left waiting too long.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import type { CallEvent } from '../call-fold.ts';
import type { CallEventsRecorder, CallSummary, Decision } from '../call-events.ts';
import type { Queues } from '../queues.ts';
import { stepsDue } from './escalation.ts';
import type { AcdMirror, Clock } from './mirror.ts';
import { AVERAGE_HANDLING_SECONDS, estimatedWaitSeconds } from './router.ts';
import * as q from './acd-queries.ts';

/** A caller still "waiting" this long after a restart is gone: the call is closed, with the reason. */
const STALE_AFTER_RESTART_MS = 30 * 60_000;
/**
 * How long an edge may take to reach a caller it calls back before the operator is rung (the SIP
 * edge gives up after 45 s); a callback ring ends unanswered only after this and the ring timeout.
 */
export const CALLBACK_REACH_SECONDS = 45;

type CallRef = { callId: string; region: string | null; queueRegion: string | null };

/** The ACD's own events and decisions, stamped by its clock. */
export class AcdSteps {
  constructor(private readonly clock: Clock) {}

  event(callId: string, type: CallEvent['type'], data: Record<string, unknown>): CallEvent {
    return { id: `acd-${randomUUID()}`, callId, type, at: this.clock(), data, source: 'acd' };
  }

  decision(type: Decision['type'], call: CallRef, operator?: { id: number; username: string }): Decision {
    return { id: randomUUID(), type, callId: call.callId, region: call.region, queueRegion: call.queueRegion, ...(operator ? { operator } : {}), at: this.clock().toISOString() };
  }
}

export class AcdTimers {
  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly recorder: CallEventsRecorder,
    private readonly queues: Queues,
    private readonly mirror: AcdMirror,
    private readonly steps: AcdSteps,
    private readonly clock: Clock,
    /** Reads operators' names into the mirror. */
    private readonly learnNames: (ids: number[]) => Promise<void>,
  ) {}

  /**
   * When an unanswered ring ends: the queue's ring timeout from now; for a callback, the time the
   * edge may take to reach the caller first (docs/telephony-events.md) on top.
   */
  ringDeadline(queueId: number | null, now: number, callback = false): number {
    return now + ((this.queues.get(queueId ?? 0)?.ringTimeoutSeconds ?? 20) + (callback ? CALLBACK_REACH_SECONDS : 0)) * 1000;
  }

  /**
   * Rings otvet made outside routing (an operator's transfer to a named colleague) time out like the
   * ACD's own: each ringing call it hears of gets a deadline unless it has one. (The ACD's own rings
   * get theirs again once recorded, a callback's with the time to reach the caller.)
   */
  watchRings(calls: CallSummary[]): void {
    const now = this.clock().getTime();
    for (const c of calls) {
      if (c.state === 'ringing' && c.operatorId !== null && !c.routedByPbx && !this.mirror.ringing.has(c.callId)) {
        this.mirror.ringing.set(c.callId, { operatorId: c.operatorId, deadline: this.ringDeadline(c.queueId, now) });
      }
    }
  }

  /** Rings past their deadline: the call back to the queue, the edge told to stop ringing. */
  async expireRings(now: number): Promise<void> {
    const expired = [...this.mirror.ringing].filter(([, r]) => r.deadline <= now);
    if (!expired.length) return;
    const calls = new Map(
      (
        await q.callsByIds(
          this.db,
          expired.map(([id]) => id),
        )
      ).map((c) => [c.call_id, c]),
    );
    const unnamed = this.mirror.unnamed(expired.map(([, r]) => r.operatorId));
    if (unnamed.length) await this.learnNames(unnamed);
    const events: CallEvent[] = [];
    const decisions: Decision[] = [];
    for (const [callId, r] of expired) {
      this.mirror.ringing.delete(callId);
      const c = calls.get(callId);
      if (!c || c.state !== 'ringing' || c.operator_id !== r.operatorId) continue;
      // (a callback unanswered: the caller may be who did not answer; the call waits for a callback
      // again, and the operator is not sent on a "missed" break)
      events.push(this.steps.event(callId, 'queued', { reason: c.callback ? 'callback_no_answer' : 'ring_no_answer', operatorId: r.operatorId }));
      decisions.push(this.steps.decision('stop_ringing', { callId, region: c.region_code, queueRegion: c.queue_region }, this.mirror.operatorRef(r.operatorId)));
    }
    if (!events.length) return;
    // The edge hears the stops first: recording the calls' return lets the ACD route them again at
    // once (the `decided` phase), and a new ring for the same operator must not reach the edge before
    // the old one's stop, or the stop would end it.
    this.recorder.decided(decisions);
    await this.recorder.record(events, { decisions, now: this.clock(), told: true });
  }

  /** Queues with a wrap-up limit: the system closes wrap-ups that ran over it. */
  async closeWrapUps(now: number): Promise<void> {
    if (!this.queues.all().some((x) => (x.wrapUpSeconds ?? 0) > 0)) return;
    const events: CallEvent[] = [];
    for (const c of await q.wrappingUp(this.db)) {
      const limit = this.queues.get(c.queue_id ?? 0)?.wrapUpSeconds;
      if (limit && c.ended_at && now - c.ended_at.getTime() >= limit * 1000) {
        events.push({ ...this.steps.event(c.call_id, 'wrapped_up', { outcome: 'not_recorded', auto: true }), source: 'system' });
      }
    }
    if (events.length) await this.recorder.record(events, { now: this.clock() });
  }

  /** Escalation steps due (wider skills, overflow) and callback offers; regions widened are marked to route. */
  async escalate(now: Date): Promise<void> {
    const m = this.mirror;
    const waiting = [...m.waiting.values()].filter((c) => c.state === 'waiting').sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime());
    const events: CallEvent[] = [];
    const decisions: Decision[] = [];
    const perQueue = new Map<number, number>();
    const staffed = m.staffedRegions();
    for (const c of waiting) {
      const queue = this.queues.get(c.queueId ?? 0);
      if (!queue) continue;
      const waited = (now.getTime() - c.queuedAt.getTime()) / 1000;
      const position = perQueue.get(queue.id) ?? 0;
      perQueue.set(queue.id, position + 1);
      const due = stepsDue(this.queues, queue, waited, c.overflowed, staffed);
      if (due.widen && !m.widened.has(c.callId)) {
        m.widened.add(c.callId);
        m.dirty.add(queue.region);
      }
      const target = due.overflowTo;
      if (target) events.push(this.steps.event(c.callId, 'overflowed', { queueId: target.id, queueRegion: target.region, from: queue.region, reason: 'waited_too_long' }));
      if (queue.callbackThresholdSeconds > 0 && !m.callbackOffered.has(c.callId)) {
        const ewt = estimatedWaitSeconds(position, m.atWork(queue.region), AVERAGE_HANDLING_SECONDS);
        if (ewt > queue.callbackThresholdSeconds) {
          m.callbackOffered.add(c.callId);
          decisions.push(this.steps.decision('offer_callback', { callId: c.callId, region: c.region, queueRegion: c.queueRegion }));
        }
      }
    }
    if (events.length || decisions.length) await this.recorder.record(events, { decisions, now: this.clock() });
  }

  /**
   * After a restart: rings in progress get a fresh deadline (the edge may still report the answer);
   * callers "waiting" for longer than anyone waits are closed with a reason, never silently dropped.
   */
  async recover(): Promise<void> {
    const now = this.clock();
    for (const c of await q.ringingCalls(this.db)) {
      if (c.operator_id !== null) this.mirror.ringing.set(c.call_id, { operatorId: c.operator_id, deadline: this.ringDeadline(c.queue_id, now.getTime(), c.callback) });
    }
    const stale = (await q.allRoutable(this.db)).filter((c) => c.state === 'waiting' && now.getTime() - (c.queued_at ?? c.offered_at ?? now).getTime() > STALE_AFTER_RESTART_MS);
    if (stale.length) {
      await this.recorder.record(
        stale.map((c) => this.steps.event(c.call_id, 'abandoned', { reason: 'closed_after_restart' })),
        { now },
      );
      this.log.warn({ calls: stale.length }, 'acd: closed calls left waiting too long over a restart');
    }
  }
}
