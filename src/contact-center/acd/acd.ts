// The ACD: one node at a time (a database lock makes it the leader) matches waiting calls with free
// operators, rings them, and keeps the queues moving — ring-no-answer, escalation (wider skills,
// overflow to the reserve centre or neighbours), callback offers, callbacks when operators free up.
// Its state is the database: a restarted or new leader carries on from the calls and operators there.
import { randomUUID } from 'node:crypto';
import type { Directory } from '../../platform/auth/directory.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Subscriber } from '../../platform/events/bus.ts';
import type { Logger } from '../../platform/logger.ts';
import type { CallEvent } from '../call-fold.ts';
import { agentSummary, NODE, type CallEventsRecorder, type CallsChanged, type Decision } from '../call-events.ts';
import { agentsByIds } from '../agents-queries.ts';
import type { ContactCenterTopics } from '../events.ts';
import type { Queues } from '../queues.ts';
import { stepsDue, unstaffedTarget } from './escalation.ts';
import { estimatedWaitSeconds, route, type ReadyOperator, type WaitingCall } from './router.ts';
import * as q from './acd-queries.ts';

const LEADER_LOCK = 7_122_003;
const DEFAULT_AHT_SECONDS = 180;
/** A caller still "waiting" this long after a restart is gone: the call is closed, with the reason. */
const STALE_AFTER_RESTART_MS = 30 * 60_000;

export type Clock = () => Date;

interface MemCall {
  callId: string;
  region: string | null;
  queueRegion: string;
  queueId: number | null;
  state: 'waiting' | 'callback_pending';
  topic: string | null;
  queuedAt: Date;
  overflowed: boolean;
}

interface MemAgent {
  userId: number;
  region: string;
  state: string;
  skills: string[];
  idleSince: Date | null;
}

/** Memory is checked against the database now and then, in case a change was missed. */
const RESYNC_MS = 30_000;

export class Acd {
  private dirty = new Set<string>();
  /** Calls waiting (or waiting for a callback), by id: routing reads memory, not the database. */
  private waiting = new Map<string, MemCall>();
  /** Operators at work (not offline), by id. */
  private staff = new Map<number, MemAgent>();
  private lastSync = 0;
  private running: Promise<void> | null = null;
  private ringing = new Map<string, { operatorId: number; deadline: number }>();
  /** Operators' usernames (the edge's name for them): a decision needs no database read. */
  private names = new Map<number, string>();
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

  subscribe(bus: Subscriber<ContactCenterTopics>): void {
    bus.subscribe('cc.calls.changed', (e) => {
      if (e.payload.origin !== NODE) this.onChange(e.payload);
    });
    // Batches recorded on this node reach the ACD as soon as they are admitted; the bus brings the others'.
    this.recorder.onAdmitted((changed) => this.onChange(changed));
    // A batch it heard of did not commit after all: memory is read again from the database.
    this.recorder.onAborted(() => (this.lastSync = 0));
  }

  /** Called with the change of a batch this node recorded, without waiting for the bus. */
  onChange(c: CallsChanged): void {
    for (const call of c.calls) {
      if ((call.state === 'waiting' || call.state === 'callback_pending') && call.queueRegion && !call.routedByPbx) {
        const prev = this.waiting.get(call.callId);
        this.waiting.set(call.callId, {
          callId: call.callId,
          region: call.region,
          queueRegion: call.queueRegion,
          queueId: call.queueId,
          state: call.state,
          topic: call.topic ?? prev?.topic ?? null,
          queuedAt: call.queuedAt ? new Date(call.queuedAt) : (prev?.queuedAt ?? this.clock()),
          overflowed: call.overflowed ?? prev?.overflowed ?? false,
        });
      } else this.waiting.delete(call.callId);
      // A ring that ended (answered, abandoned, taken back) has no timeout left to watch.
      if (call.state !== 'ringing') this.ringing.delete(call.callId);
      if (call.queueRegion) this.dirty.add(call.queueRegion);
    }
    const newcomers: number[] = [];
    for (const a of c.agents) {
      if (a.state === 'offline') this.staff.delete(a.userId);
      else {
        const prev = this.staff.get(a.userId);
        if (!this.names.has(a.userId)) newcomers.push(a.userId);
        this.staff.set(a.userId, {
          userId: a.userId,
          region: a.region,
          state: a.state,
          skills: a.skills ?? prev?.skills ?? [],
          idleSince: a.idleSince !== undefined ? (a.idleSince ? new Date(a.idleSince) : null) : (prev?.idleSince ?? null),
        });
      }
      this.dirty.add(a.region);
    }
    if (newcomers.length) void this.learnNames(newcomers);
    this.kick();
  }

  private async learnNames(ids: number[]): Promise<void> {
    try {
      for (const [id, p] of await this.directory.byIds(ids)) this.names.set(id, p.username);
    } catch (err) {
      this.log.warn({ err }, 'acd: could not read operators\' names; will read them when routing');
    }
  }

  /** Memory from the database: at start, and now and then in case a change was missed. */
  private async sync(): Promise<void> {
    const [calls, agents] = await Promise.all([q.allRoutable(this.db), q.allWorking(this.db)]);
    this.waiting = new Map(
      calls.filter((c) => c.queue_region).map((c) => [c.call_id, {
        callId: c.call_id,
        region: c.region_code,
        queueRegion: c.queue_region!,
        queueId: c.queue_id,
        state: c.state as MemCall['state'],
        topic: c.topic,
        queuedAt: c.queued_at ?? c.offered_at ?? this.clock(),
        overflowed: c.overflowed,
      }]),
    );
    this.staff = new Map(agents.map((a) => [a.user_id, { userId: a.user_id, region: a.region_code, state: a.state, skills: a.skills, idleSince: a.idle_since }]));
    const unnamed = [...this.staff.keys()].filter((id) => !this.names.has(id));
    if (unnamed.length) await this.learnNames(unnamed);
    this.lastSync = Date.now();
    for (const c of this.waiting.values()) this.dirty.add(c.queueRegion);
  }

  /** Becomes the leader (waiting for the lock if another node holds it), then routes. */
  async start(tickMs = 1000): Promise<void> {
    this.release = await this.db.holdLock(LEADER_LOCK);
    if (this.stopped) return void (await this.release());
    this.leading = true;
    await this.recover();
    await this.sync();
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
          await this.dispatch(regions);
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

  /** Matches waiting calls with free operators in these regions, all in one go, from memory. */
  private async dispatch(regions: string[]): Promise<void> {
    const wanted = new Set(regions);
    const calls = [...this.waiting.values()].filter((c) => wanted.has(c.queueRegion));
    if (!calls.length) return;
    const events: CallEvent[] = [];
    const decisions: Decision[] = [];
    const assignments: { callId: string; operatorId: number }[] = [];
    const staffed = this.staffedRegions();
    for (const region of new Set(calls.map((c) => c.queueRegion))) {
      const here = calls.filter((c) => c.queueRegion === region);
      const staff = [...this.staff.values()].filter((a) => a.region === region);
      if (!staff.length) {
        events.push(...this.overflowUnstaffed(region, here, staffed));
        continue;
      }
      const waiting: WaitingCall[] = here.map((c) => ({
        callId: c.callId,
        queueId: c.queueId ?? 0,
        topic: c.topic,
        queuedAt: c.queuedAt,
        widened: this.widened.has(c.callId),
        callback: c.state === 'callback_pending',
      }));
      const ready: ReadyOperator[] = staff.filter((a) => a.state === 'ready').map((a) => ({ userId: a.userId, skills: a.skills, idleSince: a.idleSince }));
      assignments.push(...route(waiting, ready));
    }
    const unnamed = assignments.map((a) => a.operatorId).filter((id) => !this.names.has(id));
    if (unnamed.length) await this.learnNames(unnamed);
    for (const a of assignments) {
      const call = this.waiting.get(a.callId)!;
      const op = { id: a.operatorId, username: this.names.get(a.operatorId) ?? String(a.operatorId) };
      events.push(this.event(a.callId, 'ringing', { operatorId: a.operatorId }));
      decisions.push(this.decision(call.state === 'callback_pending' ? 'callback' : 'connect', { callId: a.callId, region: call.region, queueRegion: call.queueRegion }, op));
    }
    if (!events.length) return;
    const queueOf = new Map(calls.map((c) => [c.callId, c.queueId]));
    // The edge hears at once; the ring is recorded right after (it is refused only if the operator
    // was taken meanwhile by something else, and then the decision is taken back).
    this.recorder.decided(decisions);
    const { results } = await this.recorder.record(events, { decisions, now: this.clock(), durable: false });
    const now = this.clock().getTime();
    const refused: { callId: string; operatorId: number; decision: Decision }[] = [];
    events.forEach((e, i) => {
      if (e.type !== 'ringing') return;
      if (results[i]?.status !== 'accepted') {
        const decision = decisions.find((d) => d.callId === e.callId);
        if (decision) refused.push({ callId: e.callId, operatorId: e.data.operatorId as number, decision });
        return;
      }
      this.ringing.set(e.callId, { operatorId: e.data.operatorId as number, deadline: this.ringDeadline(queueOf.get(e.callId) ?? null, now) });
    });
    if (refused.length) await this.takeBack(refused);
  }

  /**
   * Rings the database refused after the edge was told: unless the edge already reported the call
   * at that operator, it is told to stop.
   */
  private async takeBack(refused: { callId: string; operatorId: number; decision: Decision }[]): Promise<void> {
    const now = new Map((await q.callsByIds(this.db, refused.map((r) => r.callId))).map((c) => [c.call_id, c]));
    // A call that is not waiting as stored (a batch that failed to commit, a caller who hung up) is not routed again.
    for (const r of refused) {
      const state = now.get(r.callId)?.state;
      if (state !== 'waiting' && state !== 'callback_pending') this.waiting.delete(r.callId);
    }
    const stops = refused
      .filter((r) => {
        const c = now.get(r.callId);
        return !c || c.operator_id !== r.operatorId || !['ringing', 'talking', 'wrap_up'].includes(c.state);
      })
      .map((r) => this.decision('stop_ringing', r.decision, r.decision.operator));
    if (stops.length) await this.recorder.record([], { decisions: stops, now: this.clock() });
    // Memory was wrong about these operators: read them again, or the same ring would be tried again.
    this.onChange({ calls: [], agents: (await agentsByIds(this.db, [...new Set(refused.map((r) => r.operatorId))])).map(agentSummary) });
  }

  private staffedRegions(): Set<string> {
    return new Set([...this.staff.values()].map((a) => a.region));
  }

  /** Nobody at work in the region: calls go where the queue's "no operators" step says, at once. */
  private overflowUnstaffed(region: string, calls: MemCall[], staffed: Set<string>): CallEvent[] {
    const events: CallEvent[] = [];
    for (const c of calls) {
      if (c.overflowed || c.state !== 'waiting') continue;
      const target = unstaffedTarget(this.queues, c.queueId, region, staffed);
      if (target) events.push(this.event(c.callId, 'overflowed', { queueId: target.id, queueRegion: target.region, from: region, reason: 'no_operators' }));
    }
    return events;
  }

  /** When an unanswered ring ends: the queue's ring timeout from now. */
  private ringDeadline(queueId: number | null, now: number): number {
    return now + (this.queues.get(queueId ?? 0)?.ringTimeoutSeconds ?? 20) * 1000;
  }

  /** Once a second: unanswered rings, escalation steps, callback offers. */
  async tick(): Promise<void> {
    if (!this.leading) return;
    const now = this.clock();
    if (Date.now() - this.lastSync > RESYNC_MS && !this.running) await this.sync();
    await this.expireRings(now.getTime());
    await this.closeWrapUps(now.getTime());
    await this.escalate(now);
  }

  /** Queues with a wrap-up limit: the system closes wrap-ups that ran over it. */
  private async closeWrapUps(now: number): Promise<void> {
    if (!this.queues.all().some((x) => (x.wrapUpSeconds ?? 0) > 0)) return;
    const events: CallEvent[] = [];
    for (const c of await q.wrappingUp(this.db)) {
      const limit = this.queues.get(c.queue_id ?? 0)?.wrapUpSeconds;
      if (limit && c.ended_at && now - c.ended_at.getTime() >= limit * 1000) {
        events.push({ ...this.event(c.call_id, 'wrapped_up', { outcome: 'not_recorded', auto: true }), source: 'system' });
      }
    }
    if (events.length) await this.recorder.record(events, { now: this.clock() });
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
    const waiting = [...this.waiting.values()].filter((c) => c.state === 'waiting').sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime());
    const events: CallEvent[] = [];
    const decisions: Decision[] = [];
    const perQueue = new Map<number, number>();
    const staffed = this.staffedRegions();
    const atWork = (region: string) => [...this.staff.values()].filter((a) => a.region === region).length;
    for (const c of waiting) {
      const queue = this.queues.get(c.queueId ?? 0);
      if (!queue) continue;
      const waited = (now.getTime() - c.queuedAt.getTime()) / 1000;
      const position = perQueue.get(queue.id) ?? 0;
      perQueue.set(queue.id, position + 1);
      const due = stepsDue(this.queues, queue, waited, c.overflowed, staffed);
      if (due.widen && !this.widened.has(c.callId)) {
        this.widened.add(c.callId);
        this.dirty.add(queue.region);
      }
      const target = due.overflowTo;
      if (target) events.push(this.event(c.callId, 'overflowed', { queueId: target.id, queueRegion: target.region, from: queue.region, reason: 'waited_too_long' }));
      if (queue.callbackThresholdSeconds > 0 && !this.callbackOffered.has(c.callId)) {
        const ewt = estimatedWaitSeconds(position, atWork(queue.region), DEFAULT_AHT_SECONDS);
        if (ewt > queue.callbackThresholdSeconds) {
          this.callbackOffered.add(c.callId);
          decisions.push(this.decision('offer_callback', { callId: c.callId, region: c.region, queueRegion: c.queueRegion }));
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
      if (c.operator_id !== null) this.ringing.set(c.call_id, { operatorId: c.operator_id, deadline: this.ringDeadline(c.queue_id, now.getTime()) });
    }
    const stale = (await q.allRoutable(this.db)).filter((c) => c.state === 'waiting' && now.getTime() - (c.queued_at ?? c.offered_at ?? now).getTime() > STALE_AFTER_RESTART_MS);
    if (stale.length) {
      await this.recorder.record(stale.map((c) => this.event(c.call_id, 'abandoned', { reason: 'closed_after_restart' })), { now });
      this.log.warn({ calls: stale.length }, 'acd: closed calls left waiting too long over a restart');
    }
  }
}
