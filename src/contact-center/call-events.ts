// Recording call events: the one way calls change, whoever reports them (the telephony edge, the
// ACD, a workstation). A batch is one transaction: events are checked against what each call has
// already lived, impossible ones are refused with a reason, the rest are stored, the calls and their
// operators updated, and the change announced — all or nothing, acknowledged only once committed.
import type { Db, Queryable } from '../platform/db/database.ts';
import { randomUUID } from 'node:crypto';
import { publishMany } from '../platform/events/bus.ts';
import { ccTopics, type AgentSummary, type CallsChanged, type Decision } from './events.ts';

/** This process, so that it can tell its own changes coming back over the bus. */
export const NODE = randomUUID();
import { admit, compareEvents, foldCall, type CallEvent, type CallRecord } from './call-fold.ts';
import { agentUpdate, operatorsOf, type CallChange } from './agent-transitions.ts';
import { agentsByIds, nextAgentState, type AgentLogEntry, type AgentRow } from './agents-queries.ts';
import { lockAndRead, writeBatch } from './calls-queries.ts';
import type { Queues } from './queues.ts';
import type { AgentMove, WriteHooks } from './write-hooks.ts';
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
}

export const agentSummary = (a: AgentRow): AgentSummary => ({ userId: a.user_id, region: a.region_code, state: a.state, skills: a.skills, idleSince: a.idle_since?.toISOString() ?? null });

/** How far the edge's clock may lag ours before its reports are taken at their word. */
const SKEW_MS = 5000;

/**
 * Two clocks write a call's history: the edge's and ours. What otvet decides (a ring, an answer
 * from the workstation) happens after everything the call had lived when it was decided; and what
 * the edge reports after one of our decisions, stamped a little earlier, happened after it too —
 * its clock lags ours. Reports from the edge alone are taken at their word, so any arrival order of
 * the same reports gives the same history.
 */
function orderAcrossClocks(known: CallEvent[], candidates: CallEvent[]): void {
  const last = Math.max(0, ...known.map((e) => e.at.getTime()));
  const lastOurs = Math.max(0, ...known.filter((e) => e.source !== 'api').map((e) => e.at.getTime()));
  for (const c of candidates) {
    const t = c.at.getTime();
    if (c.source !== 'api' && t <= last) c.at = new Date(last + 1);
    else if (c.source === 'api' && lastOurs > 0 && t <= lastOurs && lastOurs - t <= SKEW_MS) {
      c.data = { ...c.data, reportedAt: c.at.toISOString() };
      c.at = new Date(lastOurs + 1);
    }
  }
}

const sameEvent = (stored: CallEvent, b: CallEvent) => {
  const at = typeof stored.data.reportedAt === 'string' ? Date.parse(stored.data.reportedAt) : stored.at.getTime();
  return stored.callId === b.callId && stored.type === b.type && at === b.at.getTime();
};

type Listener = (changed: CallsChanged, decisions: Decision[]) => void;

export class CallEventsRecorder {
  private readonly listeners: Listener[] = [];
  private readonly deciders: ((decisions: Decision[]) => void)[] = [];
  private readonly routers: ((changed: CallsChanged) => void)[] = [];
  private readonly aborts: (() => void)[] = [];

  /**
   * The ACD tells the edge what to do the moment it decides, from its own state, and records the
   * ring after (see Acd.dispatch): the edge's wait for a decision is one transaction, not two.
   */
  onDecided(fn: (decisions: Decision[]) => void): void {
    this.deciders.push(fn);
  }

  decided(decisions: Decision[]): void {
    if (decisions.length) for (const fn of this.deciders) fn(decisions);
  }

  /**
   * In-process listeners hear of a committed batch at once, before the event bus brings it to
   * every node.
   */
  onRecorded(fn: Listener): void {
    this.listeners.push(fn);
  }

  /**
   * The ACD's feed on this node: a batch's change as soon as it is admitted (checked against the
   * calls' stored history, under their locks), before it is written and its commit waits for the
   * disk — a caller should not wait on an fsync for an operator; and operators' own moves once
   * committed. What the ACD decides from a batch that then fails to commit is undone: its rings
   * are refused (the call is not stored as waiting) and onAborted tells it to read its state again.
   */
  onAdmitted(fn: (changed: CallsChanged) => void): void {
    this.routers.push(fn);
  }

  onAborted(fn: () => void): void {
    this.aborts.push(fn);
  }

  constructor(
    private readonly db: Db,
    private readonly queues: Queues,
    private readonly hooks: WriteHooks = {},
  ) {}

  /** Operators moved outside a batch of call events (their own state changes). */
  async agentsMoved(tx: Queryable, moves: AgentMove[]): Promise<void> {
    if (moves.length) await publishMany(tx, this.hooks.changed?.([], moves) ?? []);
  }

  /** A call's record from its stored events, exactly as recording them produced it. */
  refold(callId: string, events: CallEvent[]): CallRecord {
    const { record } = foldCall(callId, events);
    this.placeInQueue(record, events);
    return record;
  }

  /** Tells this node's ACD of a change committed elsewhere in the module (an operator's state). */
  announce(changed: CallsChanged): void {
    for (const fn of this.routers) fn(changed);
  }

  /** A call whose queue could not be named yet (it was queued before we knew its region) gets it now. */
  private placeInQueue(r: CallRecord, events: CallEvent[]): void {
    if (!r.regionCode || r.state === 'pending' || r.state === 'ivr') return;
    const queued = events.filter((e) => e.type === 'queued').sort(compareEvents);
    const named = (e: CallEvent | undefined) => this.queues.resolve(r.regionCode!, e?.data.queueName as string | undefined, r.topic);
    if (r.queueId === null) {
      const q = named(queued[queued.length - 1]);
      if (q) {
        r.queueId = q.id;
        r.queueRegion = q.region;
      }
    }
    if (r.originQueueId === null && queued.length) r.originQueueId = (queued[0]!.data.queueId as number | undefined) ?? named(queued[0])?.id ?? r.queueId;
  }

  /** A queue that closes wrap-up at once: the system wraps the call up as soon as it ends. */
  private closeWrapUpAtOnce(out: { record: CallRecord; accepted: CallEvent[] }, known: CallEvent[]): void {
    const r = out.record;
    if (r.state !== 'wrap_up' || !r.endedAt || r.queueId === null || this.queues.get(r.queueId)?.wrapUpSeconds !== 0) return;
    const wrap: CallEvent = { id: `sys-wrap-${r.callId}`, callId: r.callId, type: 'wrapped_up', at: new Date(r.endedAt.getTime() + 1), data: { outcome: 'not_recorded', auto: true }, source: 'system' };
    const again = admit(r.callId, [...known, ...out.accepted], [wrap]);
    if (again.accepted.length) {
      out.accepted.push(wrap);
      out.record = again.record;
    }
  }

  async record(events: CallEvent[], opts: RecordOptions = {}): Promise<{ results: EventResult[]; changed: CallsChanged }> {
    const results = new Map<string, EventResult>();
    const fresh: CallEvent[] = [];
    const seen = new Set<string>();
    for (const e of events) {
      if (seen.has(e.id)) continue; // the same id twice in one batch: the first counts
      seen.add(e.id);
      fresh.push(e);
    }
    const changed: CallsChanged = { calls: [], agents: [] };
    const published: Decision[] = [];
    let told = false;
    if (fresh.length || opts.decisions?.length) {
      await this.db.transaction(async (tx) => {
        // (a transaction may run again after a deadlock: start from nothing each time)
        results.clear();
        published.length = 0;
        const callIds = [...new Set(fresh.map((e) => e.callId))];
        // (our own events have fresh random ids: only reported ones can collide with other calls')
        const reported = fresh.filter((e) => e.source === 'api').map((e) => e.id);
        const read = callIds.length ? await lockAndRead(tx, callIds, reported) : [];
        const mineIds = new Set(callIds);
        const known = read.filter((e) => mineIds.has(e.callId));
        const knownIds = new Map(known.map((e) => [e.id, e]));
        const byCall = new Map<string, CallEvent[]>();
        for (const e of known) (byCall.get(e.callId) ?? byCall.set(e.callId, []).get(e.callId)!).push(e);
        const freshByCall = new Map<string, CallEvent[]>();
        for (const e of fresh) (freshByCall.get(e.callId) ?? freshByCall.set(e.callId, []).get(e.callId)!).push(e);
        const elsewhere = new Map(read.filter((e) => !mineIds.has(e.callId)).map((e) => [e.id, e]));
        // The ACD rings only a free operator; between its look and this write one may have gone.
        const ringOps = [...new Set(fresh.filter((e) => e.source === 'acd' && e.type === 'ringing').map((e) => e.data.operatorId as number))].sort((x, y) => x - y);
        const ringAgents = new Map((ringOps.length ? await agentsByIds(tx, ringOps, true) : []).map((a) => [a.user_id, a]));
        const free = new Set([...ringAgents.values()].filter((a) => a.state === 'ready' && a.call_id === null).map((a) => a.user_id));
        const taken = new Set<number>();
        const changes: CallChange[] = [];
        const admitted: CallEvent[] = [];
        for (const callId of callIds) {
          const mine = byCall.get(callId) ?? [];
          // As stored: the rollups were kept from exactly this record.
          const before = mine.length ? this.refold(callId, mine) : null;
          const candidates: CallEvent[] = [];
          for (const e of freshByCall.get(callId) ?? []) {
            const prior = knownIds.get(e.id) ?? elsewhere.get(e.id);
            if (prior) results.set(e.id, sameEvent(prior, e) ? { id: e.id, status: 'duplicate' } : { id: e.id, status: 'rejected', reason: `event id ${e.id} was used for a different event` });
            else if (e.source === 'acd' && e.type === 'ringing') {
              const op = e.data.operatorId as number;
              // (the ACD may have decided from a batch that then failed to commit, or from a stale view)
              if (before?.state !== 'waiting' && before?.state !== 'callback_pending') results.set(e.id, { id: e.id, status: 'rejected', reason: `call ${callId} is not waiting for an operator` });
              else if (!free.has(op) || taken.has(op)) results.set(e.id, { id: e.id, status: 'rejected', reason: `operator ${op} is no longer free` });
              else {
                taken.add(op);
                candidates.push(e);
              }
            } else candidates.push(e);
          }
          if (!candidates.length) continue;
          orderAcrossClocks(mine, candidates);
          const out = admit(callId, mine, candidates);
          for (const [id, reason] of out.rejected) results.set(id, { id, status: 'rejected', reason });
          if (opts.region && out.record.regionCode && out.record.regionCode !== opts.region && out.record.queueRegion !== opts.region) {
            for (const e of out.accepted) results.set(e.id, { id: e.id, status: 'rejected', reason: `call ${callId} belongs to region ${out.record.regionCode}, not yours` });
            continue;
          }
          if (!out.accepted.length) continue;
          for (const e of out.accepted) results.set(e.id, { id: e.id, status: 'accepted' });
          this.placeInQueue(out.record, [...mine, ...out.accepted]);
          this.closeWrapUpAtOnce(out, mine);
          admitted.push(...out.accepted);
          changes.push({ before, after: out.record, events: out.accepted });
        }
        const accepted = new Set(admitted.map((e) => e.callId));
        for (const d of opts.decisions ?? []) if (accepted.has(d.callId) || !fresh.some((e) => e.callId === d.callId)) published.push(d);
        const outbox = published.map((d) => ccTopics.event('acd.decision', d));
        if (!changes.length) return publishMany(tx, outbox);
        const moved = await this.moveOperators(tx, changes, opts.now ?? new Date(), ringAgents);
        changed.agents = moved.agents.map(agentSummary);
        changed.calls = changes.map(({ after: r }) => ({
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
        }));
        const theirs = this.hooks.changed?.(changes.map((c) => ({ before: c.before, after: c.after })), moved.moves) ?? [];
        const publish = [...outbox, ccTopics.event('cc.calls.changed', { ...changed, origin: NODE }), ...theirs];
        // The ACD hears first: it routes while the batch is written and flushed (see onAdmitted).
        told = true;
        for (const fn of this.routers) fn(changed);
        await writeBatch(tx, { events: admitted, calls: changes.map((c) => c.after), agents: moved.agents, log: moved.log, publish });
      }, { durable: opts.durable !== false }).catch((err: unknown) => {
        if (told) for (const fn of this.aborts) fn();
        throw err;
      });
    }
    if (changed.calls.length || changed.agents.length || published.length) for (const fn of this.listeners) fn(changed, published);
    const answered = new Set<string>();
    const out = events.map((e) => {
      // The same id twice in one batch: the first counts, the second is a duplicate.
      if (answered.has(e.id)) return { id: e.id, status: 'duplicate' as const };
      answered.add(e.id);
      return results.get(e.id) ?? { id: e.id, status: 'duplicate' as const };
    });
    return { results: out, changed };
  }

  /** Where the batch moves its operators (written with the rest of the batch). */
  private async moveOperators(tx: Queryable, changes: CallChange[], now: Date, loaded: Map<number, AgentRow>): Promise<{ agents: AgentRow[]; log: AgentLogEntry[]; moves: AgentMove[] }> {
    const ids = [...new Set(changes.flatMap(operatorsOf))].filter((id) => !loaded.has(id)).sort((a, b) => a - b);
    const agents = new Map(loaded);
    for (const a of ids.length ? await agentsByIds(tx, ids, true) : []) agents.set(a.user_id, a);
    const moved = new Map<number, AgentRow>();
    const log: AgentLogEntry[] = [];
    const moves: AgentMove[] = [];
    for (const change of changes) {
      for (const id of operatorsOf(change)) {
        const a = agents.get(id);
        if (!a) continue;
        const u = agentUpdate(a, change, now);
        if (!u) continue;
        const { next, log: entry } = nextAgentState(a, u, now);
        if (entry) moves.push({ before: a, after: next, at: now });
        agents.set(id, next);
        moved.set(id, next);
        if (entry) log.push(entry);
      }
    }
    return { agents: [...moved.values()], log, moves };
  }

}
