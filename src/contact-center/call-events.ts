// Recording call events: the one way calls change, whoever reports them (the telephony edge, the
// ACD, a workstation). A batch is one transaction: events are checked against what each call has
// already lived, impossible ones are refused with a reason, the rest are stored, the calls and their
// operators updated, and the change announced — all or nothing, acknowledged only once committed.
import type { Db, Queryable } from '../platform/db/database.ts';
import { publish } from '../platform/events/bus.ts';
import { admit, foldCall, type CallEvent, type CallRecord } from './call-fold.ts';
import { agentUpdate, operatorsOf, type CallChange } from './agent-transitions.ts';
import { agentsByIds, setAgentState, type AgentRow } from './agents-queries.ts';
import { eventsByIds, eventsOfCalls, insertEvents, lockCalls, upsertCalls } from './calls-queries.ts';
import type { Queues } from './queues.ts';
import type { EventResult } from './schema.ts';

export interface RecordOptions {
  /** A regional sender may touch only its region's calls. */
  region?: string;
  now?: Date;
  /** Instructions for the telephony edge, published in the same transaction as the events. */
  decisions?: Decision[];
}

/** What the ACD (or a workstation) tells the telephony edge to do with a call. */
export interface Decision {
  id: string;
  type: 'connect' | 'callback' | 'stop_ringing' | 'offer_callback' | 'bridge' | 'hangup';
  callId: string;
  region: string | null;
  queueRegion: string | null;
  operator?: { id: number; username: string };
  at: string;
}

export interface CallsChanged {
  calls: { callId: string; region: string | null; queueRegion: string | null; queueId: number | null; state: string; operatorId: number | null }[];
  agents: { userId: number; region: string; state: string }[];
}

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

export class CallEventsRecorder {
  constructor(
    private readonly db: Db,
    private readonly queues: Queues,
  ) {}

  /** A call whose queue could not be named yet (it was queued before we knew its region) gets it now. */
  private placeInQueue(r: CallRecord, events: CallEvent[]): void {
    if (r.queueId !== null || !r.regionCode || r.state === 'pending' || r.state === 'ivr') return;
    const queued = events.filter((e) => e.type === 'queued').sort((a, b) => a.at.getTime() - b.at.getTime());
    const name = queued.length ? (queued[queued.length - 1]!.data.queueName as string | undefined) : undefined;
    const q = this.queues.resolve(r.regionCode, name, r.topic);
    if (q) {
      r.queueId = q.id;
      r.queueRegion = q.region;
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
    if (fresh.length || opts.decisions?.length) {
      await this.db.transaction(async (tx) => {
        const callIds = [...new Set(fresh.map((e) => e.callId))];
        if (callIds.length) await lockCalls(tx, callIds);
        const known = await eventsOfCalls(tx, callIds);
        const knownIds = new Map(known.map((e) => [e.id, e]));
        // An id already used by another call's event.
        const elsewhere = new Map((await eventsByIds(tx, fresh.filter((e) => !knownIds.has(e.id)).map((e) => e.id))).map((e) => [e.id, e]));
        // The ACD rings only a free operator; between its look and this write one may have gone.
        const ringOps = [...new Set(fresh.filter((e) => e.source === 'acd' && e.type === 'ringing').map((e) => e.data.operatorId as number))].sort((x, y) => x - y);
        const free = new Set((await agentsByIds(tx, ringOps, true)).filter((a) => a.state === 'ready' && a.call_id === null).map((a) => a.user_id));
        const taken = new Set<number>();
        const changes: CallChange[] = [];
        const admitted: CallEvent[] = [];
        for (const callId of callIds) {
          const mine = known.filter((e) => e.callId === callId);
          const candidates: CallEvent[] = [];
          for (const e of fresh.filter((x) => x.callId === callId)) {
            const prior = knownIds.get(e.id) ?? elsewhere.get(e.id);
            if (prior) results.set(e.id, sameEvent(prior, e) ? { id: e.id, status: 'duplicate' } : { id: e.id, status: 'rejected', reason: `event id ${e.id} was used for a different event` });
            else if (e.source === 'acd' && e.type === 'ringing') {
              const op = e.data.operatorId as number;
              if (!free.has(op) || taken.has(op)) results.set(e.id, { id: e.id, status: 'rejected', reason: `operator ${op} is no longer free` });
              else {
                taken.add(op);
                candidates.push(e);
              }
            } else candidates.push(e);
          }
          if (!candidates.length) continue;
          orderAcrossClocks(mine, candidates);
          const before = mine.length ? foldCall(callId, mine).record : null;
          const out = admit(callId, mine, candidates);
          for (const [id, reason] of out.rejected) results.set(id, { id, status: 'rejected', reason });
          if (opts.region && out.record.regionCode && out.record.regionCode !== opts.region && out.record.queueRegion !== opts.region) {
            for (const e of out.accepted) results.set(e.id, { id: e.id, status: 'rejected', reason: `call ${callId} belongs to region ${out.record.regionCode}, not yours` });
            continue;
          }
          if (!out.accepted.length) continue;
          for (const e of out.accepted) results.set(e.id, { id: e.id, status: 'accepted' });
          this.placeInQueue(out.record, [...mine, ...out.accepted]);
          admitted.push(...out.accepted);
          changes.push({ before, after: out.record, events: out.accepted });
        }
        const accepted = new Set(admitted.map((e) => e.callId));
        for (const d of opts.decisions ?? []) if (accepted.has(d.callId) || !fresh.some((e) => e.callId === d.callId)) await publish(tx, 'acd.decision', d);
        if (!changes.length) return;
        await insertEvents(tx, admitted);
        await upsertCalls(tx, changes.map((c) => c.after));
        changed.agents = await this.moveOperators(tx, changes, opts.now ?? new Date());
        changed.calls = changes.map(({ after: r }) => ({ callId: r.callId, region: r.regionCode, queueRegion: r.queueRegion, queueId: r.queueId, state: r.state, operatorId: r.operatorId }));
        await publish(tx, 'cc.calls.changed', changed);
      });
    }
    return { results: events.map((e) => results.get(e.id) ?? { id: e.id, status: 'duplicate' }), changed };
  }

  private async moveOperators(tx: Queryable, changes: CallChange[], now: Date): Promise<CallsChanged['agents']> {
    const ids = [...new Set(changes.flatMap(operatorsOf))].sort((a, b) => a - b);
    if (!ids.length) return [];
    const agents = new Map<number, AgentRow>((await agentsByIds(tx, ids, true)).map((a) => [a.user_id, a]));
    const moved = new Map<number, AgentRow>();
    for (const change of changes) {
      for (const id of operatorsOf(change)) {
        const a = agents.get(id);
        if (!a) continue;
        const u = agentUpdate(a, change, now);
        if (!u) continue;
        const next = await setAgentState(tx, a, u, now);
        agents.set(id, next);
        moved.set(id, next);
      }
    }
    return [...moved.values()].map((a) => ({ userId: a.user_id, region: a.region_code, state: a.state }));
  }
}
