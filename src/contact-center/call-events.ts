// Recording call events: the one way calls change, whoever reports them (the telephony edge, the
// ACD, a workstation). A batch is one transaction: events are checked against what each call has
// already lived, impossible ones are refused with a reason, the rest are stored, the calls and their
// operators updated, and the change announced — all or nothing, acknowledged only once committed.
import type { Db, Queryable } from '../platform/db/database.ts';
import { randomUUID } from 'node:crypto';
import { publishMany } from '../platform/events/bus.ts';

/** This process, so that it can tell its own changes coming back over the bus. */
export const NODE = randomUUID();
import type { CallEvent, CallRecord } from './call-fold.ts';
import { agentsByIds, type AgentRow } from './agents-queries.ts';
import { admitBatch, decisionsToPublish, distinctEvents, moveOperators, operatorsToRead, refold, resultsInOrder, ringOperators } from './batch-admission.ts';
import { lockAndRead, writeBatch } from './calls-queries.ts';
import type { Queues } from './queues.ts';
import { changeFacts, type AgentMove } from './change-facts.ts';
import { ccTopics, type AgentSummary, type CallsChanged, type CallSummary, type Decision } from './events.ts';
import type { EventResult } from './schema.ts';

export type { AgentSummary, CallsChanged, CallSummary, Decision } from './events.ts';

export interface RecordOptions {
  /** A regional sender may touch only its region's calls. */
  region?: string;
  now?: Date;
  /** Instructions for the telephony edge, published in the same transaction as the events. */
  decisions?: Decision[];
  /**
   * false for otvet's own routing steps: a crash may lose the last few milliseconds of them, which
   * the next routing pass redoes (nothing anyone was told is durable is lost); the commit then need
   * not wait for the disk. Reported events are always durable before they are acknowledged.
   */
  durable?: boolean;
  /** The decisions were told to the edge already (the `decided` phase, see RecorderEvent). */
  told?: boolean;
  /**
   * What else the batch writes, in its transaction, once its events are written (a wrap-up's line
   * quality): told each event's verdict. Not run when the batch changed no call.
   */
  alongside?: (tx: Queryable, results: ReadonlyMap<string, EventResult>) => Promise<void>;
}

export const agentSummary = (a: AgentRow): AgentSummary => ({ userId: a.user_id, region: a.region_code, state: a.state, skills: a.skills, idleSince: a.idle_since?.toISOString() ?? null });

/** A changed call as others hear of it. */
export const callSummary = (r: CallRecord): CallSummary => ({
  callId: r.callId,
  region: r.regionCode,
  queueRegion: r.queueRegion,
  queueId: r.queueId,
  state: r.state,
  operatorId: r.operatorId,
  topic: r.topic,
  queuedAt: (r.queuedAt ?? r.offeredAt)?.toISOString() ?? null,
  overflowed: r.overflowed,
  ...(r.routedByPbx ? { routedByPbx: true } : {}),
});

/**
 * What this node's recorder tells its listeners, in this order for a batch (docs/contact-center.md
 * draws it): `admitted` when the batch has been checked under the calls' locks, before it is written
 * and flushed (the ACD routes from it); then `committed` once it is durable, or `aborted` if it
 * failed after being admitted (what was decided from it is undone: the ACD reads its state again).
 * `decided` is the ACD's own: what it tells the edge the moment it decides, before it records the
 * ring. A change made outside a batch (an operator's own state or skills) is told as `admitted` and
 * `committed` at once, after its commit.
 *
 * Decisions reach an edge connected to this node from this stream only: at `decided` for the ACD's
 * rings, at `committed` for the rest (`told` says the edge heard them at `decided` already; they
 * come again for the operators' offers, which wait for the ring to be stored). The bus's
 * `acd.decision` copy is for edges connected to other nodes and for replay by outbox id; on this
 * node it repeats what was sent and is dropped by the decision's id.
 */
export type RecorderEvent =
  | { phase: 'decided'; decisions: Decision[] }
  | { phase: 'admitted'; changed: CallsChanged }
  | { phase: 'committed'; changed: CallsChanged; decisions: Decision[]; told: boolean }
  | { phase: 'aborted' };

export class CallEventsRecorder {
  private readonly listeners: ((e: RecorderEvent) => void)[] = [];

  /** Hears every phase, in order; returns the way to stop hearing. */
  on(listener: (e: RecorderEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private emit(e: RecorderEvent): void {
    for (const fn of this.listeners) fn(e);
  }

  /**
   * The ACD tells the edge what to do the moment it decides, from its own state, and records the
   * ring after (see Acd.dispatch, which records them with `told`): the edge's wait for a decision is
   * one transaction, not two.
   */
  decided(decisions: Decision[]): void {
    if (decisions.length) this.emit({ phase: 'decided', decisions });
  }

  constructor(
    private readonly db: Db,
    private readonly queues: Queues,
  ) {}

  /** Operators moved outside a batch of call events (their own state changes). */
  async agentsMoved(tx: Queryable, agents: AgentRow[], moves: AgentMove[]): Promise<void> {
    await publishMany(tx, [ccTopics.event('cc.calls.changed', { calls: [], agents: agents.map(agentSummary), origin: NODE, ...changeFacts([], moves) })]);
  }

  /** A call's record from its stored events, exactly as recording them produced it. */
  refold(callId: string, events: CallEvent[]): CallRecord {
    return refold(this.queues, callId, events);
  }

  /** A change committed elsewhere in the module (an operator's state or skills), told as one. */
  announce(changed: CallsChanged): void {
    this.emit({ phase: 'admitted', changed });
    this.emit({ phase: 'committed', changed, decisions: [], told: false });
  }

  async record(events: CallEvent[], opts: RecordOptions = {}): Promise<{ results: EventResult[]; changed: CallsChanged }> {
    let results = new Map<string, EventResult>();
    const fresh = distinctEvents(events);
    const changed: CallsChanged = { calls: [], agents: [] };
    let published: Decision[] = [];
    let admittedTold = false;
    if (fresh.length || opts.decisions?.length) {
      // inlineFirst: the lock-and-read (a function call) travels with BEGIN, so the ACD routes a round trip sooner
      await this.db
        .transaction(
          async (tx) => {
            // (a transaction may run again after a deadlock: start from nothing each time)
            const batch = fresh.map((e) => ({ ...e }));
            const callIds = [...new Set(batch.map((e) => e.callId))];
            // (our own events have fresh random ids: only reported ones can collide with other calls')
            const reported = batch.filter((e) => e.source === 'api').map((e) => e.id);
            const read = callIds.length ? await lockAndRead(tx, callIds, reported) : [];
            const mineIds = new Set(callIds);
            const ringOps = ringOperators(batch);
            const ringAgents = new Map((ringOps.length ? await agentsByIds(tx, ringOps, true) : []).map((a) => [a.user_id, a]));
            const admission = admitBatch({
              fresh: batch,
              stored: read.filter((e) => mineIds.has(e.callId)),
              elsewhere: read.filter((e) => !mineIds.has(e.callId)),
              ringAgents,
              queues: this.queues,
              region: opts.region,
            });
            const { changes, admitted } = admission;
            results = admission.results;
            published = decisionsToPublish(opts.decisions ?? [], batch, admitted);
            const outbox = published.map((d) => ccTopics.event('acd.decision', d));
            if (!changes.length) return publishMany(tx, outbox);
            const more = operatorsToRead(changes, ringAgents);
            const rows = new Map(ringAgents);
            for (const a of more.length ? await agentsByIds(tx, more, true) : []) rows.set(a.user_id, a);
            const moved = moveOperators(changes, rows, opts.now ?? new Date());
            changed.agents = moved.agents.map(agentSummary);
            changed.calls = changes.map(({ after }) => callSummary(after));
            const publish = [...outbox, ccTopics.event('cc.calls.changed', { ...changed, origin: NODE, ...changeFacts(changes, moved.moves) })];
            // The ACD hears first: it routes while the batch is written and flushed.
            admittedTold = true;
            this.emit({ phase: 'admitted', changed });
            await writeBatch(tx, { events: admitted, calls: changes.map((c) => c.after), agents: moved.agents, log: moved.log, publish });
            if (opts.alongside) await opts.alongside(tx, results);
          },
          { durable: opts.durable !== false, inlineFirst: true },
        )
        .catch((err: unknown) => {
          if (admittedTold) this.emit({ phase: 'aborted' });
          throw err;
        });
    }
    if (changed.calls.length || changed.agents.length || published.length) this.emit({ phase: 'committed', changed, decisions: published, told: opts.told === true });
    return { results: resultsInOrder(events, results), changed };
  }
}
