// The ACD: one node at a time (a database lock makes it the leader) matches waiting calls with free
// operators, rings them, and keeps the queues moving — ring-no-answer, escalation (wider skills,
// overflow to the reserve centre or neighbours), callback offers, callbacks when operators free up.
// Its state is the database: a restarted or new leader carries on from the calls and operators there.
import { randomUUID } from 'node:crypto';
import type { Directory } from '../../platform/auth/directory.ts';
import type { Db } from '../../platform/db/database.ts';
import type { DomainEvent, EventBus } from '../../platform/events/bus.ts';
import type { Logger } from '../../platform/logger.ts';
import type { CallEvent } from '../call-fold.ts';
import type { CallEventsRecorder, CallsChanged, Decision } from '../call-events.ts';
import type { Queue, Queues } from '../queues.ts';
import { estimatedWaitSeconds, route, type ReadyOperator, type WaitingCall } from './router.ts';
import * as q from './acd-queries.ts';

const LEADER_LOCK = 7_122_003;
const DEFAULT_AHT_SECONDS = 180;
/** A caller still "waiting" this long after a restart is gone: the call is closed, with the reason. */
const STALE_AFTER_RESTART_MS = 30 * 60_000;

export type Clock = () => Date;

export class Acd {
  private dirty = new Set<string>();
  private running: Promise<void> | null = null;
  private ringing = new Map<string, { operatorId: number; deadline: number }>();
  private widened = new Set<string>();
  private callbackOffered = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private release: (() => Promise<void>) | undefined;
  private leading = false;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly recorder: CallEventsRecorder,
    private readonly queues: Queues,
    private readonly directory: Directory,
    private readonly clock: Clock = () => new Date(),
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  subscribe(bus: EventBus): void {
    bus.subscribe('cc.calls.changed', (e: DomainEvent) => this.onChange(e.payload as CallsChanged));
  }

  /** Called with the change of a batch this node recorded, without waiting for the bus. */
  onChange(c: CallsChanged): void {
    for (const call of c.calls) if (call.queueRegion) this.dirty.add(call.queueRegion);
    for (const a of c.agents) this.dirty.add(a.region);
    this.kick();
  }

  /** Becomes the leader (waiting for the lock if another node holds it), then routes. */
  async start(tickMs = 1000): Promise<void> {
    this.release = await this.db.holdLock(LEADER_LOCK);
    if (this.stopped) return void (await this.release());
    this.leading = true;
    await this.recover();
    this.timer = setInterval(() => void this.tick().catch((err: unknown) => this.log.error({ err }, 'acd tick failed')), tickMs);
    this.timer.unref();
    for (const queue of this.queues.all()) this.dirty.add(queue.region);
    this.kick();
    this.log.info('acd: leading');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    this.leading = false;
    await this.release?.();
  }

  /** Routes now (tests and the simulator call this to settle the queues). */
  async settle(): Promise<void> {
    for (let i = 0; i < 100 && (this.running || (this.leading && this.dirty.size)); i++) {
      if (!this.running) this.kick();
      await this.running;
    }
  }

  private kick(): void {
    if (!this.leading || this.running || !this.dirty.size) return;
    this.running = (async () => {
      try {
        // Bounded: anything left over is picked up by the next tick.
        for (let round = 0; this.dirty.size && this.leading && round < 50; round++) {
          const regions = [...this.dirty];
          this.dirty.clear();
          for (const region of regions) await this.dispatch(region);
        }
      } catch (err) {
        this.log.error({ err }, 'acd: routing failed; retrying on the next tick');
      } finally {
        this.running = null;
      }
    })();
  }

  private event(callId: string, type: CallEvent['type'], data: Record<string, unknown>): CallEvent {
    return { id: `acd-${randomUUID()}`, callId, type, at: this.clock(), data, source: 'acd' };
  }

  private decision(type: Decision['type'], call: { callId: string; region: string | null; queueRegion: string | null }, operator?: { id: number; username: string }): Decision {
    return { id: randomUUID(), type, callId: call.callId, region: call.region, queueRegion: call.queueRegion, ...(operator ? { operator } : {}), at: this.clock().toISOString() };
  }

  private async dispatch(region: string): Promise<void> {
    const [calls, agents] = await Promise.all([q.routableCalls(this.db, region), q.workingAgents(this.db, region)]);
    if (!calls.length) return;
    if (!agents.length) return this.overflowUnstaffed(region, calls);
    const waiting: WaitingCall[] = calls.map((c) => ({
      callId: c.call_id,
      queueId: c.queue_id ?? 0,
      topic: c.topic,
      queuedAt: c.queued_at ?? c.offered_at ?? this.clock(),
      widened: this.widened.has(c.call_id),
      callback: c.state === 'callback_pending',
    }));
    const ready: ReadyOperator[] = agents.filter((a) => a.state === 'ready').map((a) => ({ userId: a.user_id, skills: a.skills, idleSince: a.idle_since }));
    const assignments = route(waiting, ready);
    if (!assignments.length) return;
    const people = await this.directory.byIds(assignments.map((a) => a.operatorId));
    const byId = new Map(calls.map((c) => [c.call_id, c]));
    const events: CallEvent[] = [];
    const decisions: Decision[] = [];
    for (const a of assignments) {
      const call = byId.get(a.callId)!;
      const op = { id: a.operatorId, username: people.get(a.operatorId)?.username ?? String(a.operatorId) };
      events.push(this.event(a.callId, 'ringing', { operatorId: a.operatorId }));
      decisions.push(this.decision(call.state === 'callback_pending' ? 'callback' : 'connect', { callId: a.callId, region: call.region_code, queueRegion: call.queue_region }, op));
    }
    const { results } = await this.recorder.record(events, { decisions, now: this.clock() });
    const now = this.clock().getTime();
    results.forEach((r, i) => {
      if (r.status !== 'accepted') return;
      const a = assignments[i]!;
      const queue = this.queues.get(byId.get(a.callId)!.queue_id ?? 0);
      this.ringing.set(a.callId, { operatorId: a.operatorId, deadline: now + (queue?.ringTimeoutSeconds ?? 20) * 1000 });
    });
  }

  /** Nobody at work in the region: calls go where the queue's "no operators" step says, at once. */
  private async overflowUnstaffed(region: string, calls: q.RoutableCall[]): Promise<void> {
    const events: CallEvent[] = [];
    for (const c of calls) {
      if (c.overflowed || c.state !== 'waiting') continue;
      const step = this.queues.get(c.queue_id ?? 0)?.escalation.find((s) => s.action === 'overflow' && s.whenNoOperators);
      const target = step && step.action === 'overflow' ? await this.overflowTarget(step.to, region) : undefined;
      if (target) events.push(this.event(c.call_id, 'overflowed', { queueId: target.id, queueRegion: target.region, from: region, reason: 'no_operators' }));
    }
    if (events.length) await this.recorder.record(events, { now: this.clock() });
  }

  private async overflowTarget(to: string[], from: string): Promise<Queue | undefined> {
    for (const region of to) {
      if (region === from) continue;
      const queue = this.queues.resolve(region, 'general');
      if (!queue) continue;
      // The reserve centre always takes overflow; a neighbour only when someone there is at work.
      if (region === 'federal' || (await q.workingAgents(this.db, region)).length > 0) return queue;
    }
    return undefined;
  }

  /** Once a second: unanswered rings, escalation steps, callback offers. */
  async tick(): Promise<void> {
    if (!this.leading) return;
    const now = this.clock();
    await this.expireRings(now.getTime());
    await this.escalate(now);
  }

  private async expireRings(now: number): Promise<void> {
    const expired = [...this.ringing].filter(([, r]) => r.deadline <= now);
    if (!expired.length) return;
    const calls = new Map((await q.callsByIds(this.db, expired.map(([id]) => id))).map((c) => [c.call_id, c]));
    const events: CallEvent[] = [];
    const decisions: Decision[] = [];
    for (const [callId, r] of expired) {
      this.ringing.delete(callId);
      const c = calls.get(callId);
      if (!c || c.state !== 'ringing' || c.operator_id !== r.operatorId) continue;
      events.push(this.event(callId, 'queued', { reason: 'ring_no_answer', operatorId: r.operatorId }));
      decisions.push(this.decision('stop_ringing', { callId, region: c.region_code, queueRegion: c.queue_region }, { id: r.operatorId, username: String(r.operatorId) }));
    }
    if (events.length) await this.recorder.record(events, { decisions, now: this.clock() });
  }

  private async escalate(now: Date): Promise<void> {
    const waiting = await q.allWaiting(this.db);
    const events: CallEvent[] = [];
    const decisions: Decision[] = [];
    const perQueue = new Map<number, number>();
    const staff = new Map<string, number>();
    for (const c of waiting) {
      const queue = this.queues.get(c.queue_id ?? 0);
      if (!queue) continue;
      const waited = (now.getTime() - (c.queued_at ?? c.offered_at ?? now).getTime()) / 1000;
      const position = perQueue.get(queue.id) ?? 0;
      perQueue.set(queue.id, position + 1);
      for (const step of queue.escalation) {
        if (step.afterSeconds === undefined || waited < step.afterSeconds) continue;
        if (step.action === 'widen_skills' && !this.widened.has(c.call_id)) {
          this.widened.add(c.call_id);
          this.dirty.add(queue.region);
        }
        if (step.action === 'overflow' && !c.overflowed) {
          const target = await this.overflowTarget(step.to, queue.region);
          if (target) events.push(this.event(c.call_id, 'overflowed', { queueId: target.id, queueRegion: target.region, from: queue.region, reason: 'waited_too_long' }));
          break;
        }
      }
      if (queue.callbackThresholdSeconds > 0 && !this.callbackOffered.has(c.call_id)) {
        if (!staff.has(queue.region)) staff.set(queue.region, (await q.workingAgents(this.db, queue.region)).length);
        const ewt = estimatedWaitSeconds(position, staff.get(queue.region)!, DEFAULT_AHT_SECONDS);
        if (ewt > queue.callbackThresholdSeconds) {
          this.callbackOffered.add(c.call_id);
          decisions.push(this.decision('offer_callback', { callId: c.call_id, region: c.region_code, queueRegion: c.queue_region }));
        }
      }
    }
    if (events.length || decisions.length) await this.recorder.record(events, { decisions, now: this.clock() });
    if (this.callbackOffered.size > 100_000) this.callbackOffered.clear();
    if (this.widened.size > 100_000) this.widened.clear();
    this.kick();
  }

  /**
   * After a restart: rings in progress get a fresh deadline (the edge may still report the answer);
   * callers "waiting" for longer than anyone waits are closed with a reason, never silently dropped.
   */
  private async recover(): Promise<void> {
    const now = this.clock();
    for (const c of await q.ringingCalls(this.db)) {
      if (c.operator_id !== null) this.ringing.set(c.call_id, { operatorId: c.operator_id, deadline: now.getTime() + (this.queues.get(c.queue_id ?? 0)?.ringTimeoutSeconds ?? 20) * 1000 });
    }
    const stale = (await q.allWaiting(this.db)).filter((c) => now.getTime() - (c.queued_at ?? c.offered_at ?? now).getTime() > STALE_AFTER_RESTART_MS);
    if (stale.length) {
      await this.recorder.record(stale.map((c) => this.event(c.call_id, 'abandoned', { reason: 'closed_after_restart' })), { now });
      this.log.warn({ calls: stale.length }, 'acd: closed calls left waiting too long over a restart');
    }
  }
}

export type { CallsChanged };
export { DEFAULT_AHT_SECONDS };
