// The ACD: one node at a time (a database lock makes it the leader) matches waiting calls with free
// operators, rings them, and keeps the queues moving — ring-no-answer, escalation (wider skills,
// overflow to the reserve centre or neighbours), callback offers, callbacks when operators free up.
// Its state is the database: a restarted or new leader carries on from the calls and operators there.
// This is the leader's shell (lock, start and stop, routing passes); its memory is mirror.ts, what it
// does as time passes is timers.ts.
import type { Directory } from '../../platform/auth/directory.ts';
import type { Db } from '../../platform/db/database.ts';
import { LeaderLoop, Loop } from '../../platform/jobs.ts';
import type { Logger } from '../../platform/logger.ts';
import type { CallEvent } from '../call-fold.ts';
import { agentSummary, type CallEventsRecorder, type CallsChanged, type Decision } from '../call-events.ts';
import { agentsByIds } from '../agents-queries.ts';
import type { Queues } from '../queues.ts';
import { unstaffedTarget } from './escalation.ts';
import { AcdMirror, type Clock, type MemCall } from './mirror.ts';
import { route, type ReadyOperator, type WaitingCall } from './router.ts';
import { AcdSteps, AcdTimers } from './timers.ts';
import * as q from './acd-queries.ts';

export type { Clock } from './mirror.ts';

/** Memory is checked against the database now and then, in case a change was missed. */
const RESYNC_MS = 30_000;

export class Acd {
  private readonly mirror: AcdMirror;
  private readonly steps: AcdSteps;
  private readonly timers: AcdTimers;
  private lastSync = 0;
  /** The leader's tick (ring expiry, wrap-ups, escalation), on the node holding the ACD's lock. */
  private readonly leader: LeaderLoop;
  /** Routing passes: one at a time; a change heard during one is picked up by its next round. */
  private readonly routing: Loop;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly recorder: CallEventsRecorder,
    private readonly queues: Queues,
    private readonly directory: Directory,
    private readonly clock: Clock = () => new Date(),
  ) {
    this.mirror = new AcdMirror(clock);
    this.steps = new AcdSteps(clock);
    this.timers = new AcdTimers(db, log, recorder, queues, this.mirror, this.steps, clock, (ids) => this.learnNames(ids));
    this.routing = new Loop({ run: () => this.routeDirty(), failed: (err) => this.log.error({ err }, 'acd: routing failed; retrying on the next tick') });
    this.leader = new LeaderLoop({
      db,
      lock: 'acd',
      everyMs: 1000,
      run: () => this.tick(),
      failed: (err) => this.log.error({ err }, 'acd tick failed'),
      lead: () => this.lead(),
      leave: () => this.routing.stop(),
    });
  }

  get isLeader(): boolean {
    return this.leader.leading;
  }

  /**
   * A change of calls and operators: a batch this node recorded (as soon as it is admitted, without
   * waiting for the bus), or another node's from the bus.
   */
  onChange(c: CallsChanged): void {
    const newcomers = this.mirror.apply(c);
    this.timers.watchRings(c.calls);
    if (newcomers.length) void this.learnNames(newcomers);
    this.kick();
  }

  /** A batch it heard of did not commit after all: memory is read again from the database. */
  onAborted(): void {
    this.lastSync = 0;
  }

  private async learnNames(ids: number[]): Promise<void> {
    try {
      for (const [id, p] of await this.directory.byIds(ids)) this.mirror.names.set(id, p.username);
    } catch (err) {
      this.log.warn({ err }, "acd: could not read operators' names; will read them when routing");
    }
  }

  /** Memory from the database: at start, and now and then in case a change was missed. */
  private async sync(): Promise<void> {
    const [calls, agents] = await Promise.all([q.allRoutable(this.db), q.allWorking(this.db)]);
    this.mirror.load(calls, agents);
    const unnamed = this.mirror.unnamed();
    if (unnamed.length) await this.learnNames(unnamed);
    this.lastSync = Date.now();
  }

  /**
   * Becomes the leader (waiting for the lock if another node holds it, and taking over when it lets
   * go), then routes and ticks every tickMs.
   */
  start(tickMs = 1000): Promise<void> {
    return this.leader.start(tickMs);
  }

  /** What a new leader does first: calls left mid-step by the last one, memory from the database. */
  private async lead(): Promise<void> {
    await this.timers.recover();
    await this.sync();
    for (const queue of this.queues.all()) this.mirror.dirty.add(queue.region);
    this.kick();
    this.log.info('acd: leading');
  }

  /** Stops ticking and routing, and lets another node lead. */
  stop(): Promise<void> {
    return this.leader.stop();
  }

  /** Routes now (tests and the simulator call this to settle the queues). */
  async settle(): Promise<void> {
    for (let i = 0; i < 100 && (this.routing.busy || (this.isLeader && this.mirror.dirty.size)); i++) await this.routing.runNow();
  }

  private kick(): void {
    if (this.isLeader && this.mirror.dirty.size) void this.routing.runNow();
  }

  private async routeDirty(): Promise<void> {
    const dirty = this.mirror.dirty;
    // Bounded: anything left over is picked up by the next tick.
    for (let round = 0; dirty.size && this.isLeader && round < 50; round++) {
      const regions = [...dirty];
      dirty.clear();
      await this.dispatch(regions);
    }
  }

  /** Matches waiting calls with free operators in these regions, all in one go, from memory. */
  private async dispatch(regions: string[]): Promise<void> {
    const m = this.mirror;
    const wanted = new Set(regions);
    const calls = [...m.waiting.values()].filter((c) => wanted.has(c.queueRegion));
    if (!calls.length) return;
    const events: CallEvent[] = [];
    const decisions: Decision[] = [];
    const assignments: { callId: string; operatorId: number }[] = [];
    const staffed = m.staffedRegions();
    for (const region of new Set(calls.map((c) => c.queueRegion))) {
      const here = calls.filter((c) => c.queueRegion === region);
      const staff = [...m.staff.values()].filter((a) => a.region === region);
      if (!staff.length) {
        events.push(...this.overflowUnstaffed(region, here, staffed));
        continue;
      }
      const waiting: WaitingCall[] = here.map((c) => ({
        callId: c.callId,
        queueId: c.queueId ?? 0,
        topic: c.topic,
        queuedAt: c.queuedAt,
        widened: m.widened.has(c.callId),
        callback: c.state === 'callback_pending',
      }));
      const ready: ReadyOperator[] = staff.filter((a) => a.state === 'ready').map((a) => ({ userId: a.userId, skills: a.skills, idleSince: a.idleSince }));
      assignments.push(...route(waiting, ready));
    }
    const unnamed = m.unnamed(assignments.map((a) => a.operatorId));
    if (unnamed.length) await this.learnNames(unnamed);
    for (const a of assignments) {
      const call = m.waiting.get(a.callId)!;
      events.push(this.steps.event(a.callId, 'ringing', { operatorId: a.operatorId }));
      decisions.push(
        this.steps.decision(call.state === 'callback_pending' ? 'callback' : 'connect', { callId: a.callId, region: call.region, queueRegion: call.queueRegion }, m.operatorRef(a.operatorId)),
      );
    }
    if (!events.length) return;
    const queueOf = new Map(calls.map((c) => [c.callId, c.queueId]));
    const callbacks = new Set(calls.filter((c) => c.state === 'callback_pending').map((c) => c.callId));
    // The edge hears at once; the ring is recorded right after (it is refused only if the operator
    // was taken meanwhile by something else, and then the decision is taken back).
    this.recorder.decided(decisions);
    const { results } = await this.recorder.record(events, { decisions, now: this.clock(), durable: false, told: true });
    const now = this.clock().getTime();
    const refused: { callId: string; operatorId: number; decision: Decision }[] = [];
    events.forEach((e, i) => {
      if (e.type !== 'ringing') return;
      if (results[i]?.status !== 'accepted') {
        const decision = decisions.find((d) => d.callId === e.callId);
        if (decision) refused.push({ callId: e.callId, operatorId: e.data.operatorId as number, decision });
        return;
      }
      m.ringing.set(e.callId, { operatorId: e.data.operatorId as number, deadline: this.timers.ringDeadline(queueOf.get(e.callId) ?? null, now, callbacks.has(e.callId)) });
    });
    if (refused.length) await this.takeBack(refused);
  }

  /**
   * Rings the database refused after the edge was told: unless the edge already reported the call
   * at that operator, it is told to stop.
   */
  private async takeBack(refused: { callId: string; operatorId: number; decision: Decision }[]): Promise<void> {
    const now = new Map(
      (
        await q.callsByIds(
          this.db,
          refused.map((r) => r.callId),
        )
      ).map((c) => [c.call_id, c]),
    );
    // A call that is not waiting as stored (a batch that failed to commit, a caller who hung up) is not routed again.
    for (const r of refused) {
      const state = now.get(r.callId)?.state;
      if (state !== 'waiting' && state !== 'callback_pending') this.mirror.waiting.delete(r.callId);
    }
    const stops = refused
      .filter((r) => {
        const c = now.get(r.callId);
        return !c || c.operator_id !== r.operatorId || !['ringing', 'talking', 'wrap_up'].includes(c.state);
      })
      .map((r) => this.steps.decision('stop_ringing', r.decision, r.decision.operator));
    if (stops.length) await this.recorder.record([], { decisions: stops, now: this.clock() });
    // Memory was wrong about these operators: read them again, or the same ring would be tried again.
    this.onChange({ calls: [], agents: (await agentsByIds(this.db, [...new Set(refused.map((r) => r.operatorId))])).map(agentSummary) });
  }

  /** Nobody at work in the region: calls go where the queue's "no operators" step says, at once. */
  private overflowUnstaffed(region: string, calls: MemCall[], staffed: Set<string>): CallEvent[] {
    const events: CallEvent[] = [];
    for (const c of calls) {
      if (c.overflowed || c.state !== 'waiting') continue;
      const target = unstaffedTarget(this.queues, c.queueId, region, staffed);
      if (target) events.push(this.steps.event(c.callId, 'overflowed', { queueId: target.id, queueRegion: target.region, from: region, reason: 'no_operators' }));
    }
    return events;
  }

  /** Once a second: unanswered rings, wrap-ups over their limit, escalation steps, callback offers. */
  async tick(): Promise<void> {
    if (!this.isLeader) return;
    const now = this.clock();
    if (Date.now() - this.lastSync > RESYNC_MS && !this.routing.busy) await this.sync();
    await this.timers.expireRings(now.getTime());
    await this.timers.closeWrapUps(now.getTime());
    await this.timers.escalate(now);
    this.kick();
  }
}
