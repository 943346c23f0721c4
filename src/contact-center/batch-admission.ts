// Which events of a batch join their calls, as a pure function of what the recorder read under the
// calls' locks: duplicates and reused ids, otvet's rings checked against free operators, the order
// across the edge's clock and ours, the fold's verdict, a regional sender's reach, the queue a call
// waits in, a wrap-up closed at once, and where the batch moves its operators. No database here:
// the recorder (call-events.ts) locks and reads, calls this, writes and publishes.
import { admit, compareEvents, foldCall, type CallEvent, type CallRecord } from './call-fold.ts';
import { agentUpdate, operatorsOf, type CallChange } from './agent-transitions.ts';
import { nextAgentState, type AgentLogEntry, type AgentRow } from './agents-queries.ts';
import type { Queues } from './queues.ts';
import type { EventResult } from './schema.ts';

export type QueueLookup = Pick<Queues, 'get' | 'resolve'>;

/** How far the edge's clock may lag ours before its reports are taken at their word. */
const SKEW_MS = 5000;

/** The batch without its repeated ids: the first of each counts. */
export function distinctEvents(events: CallEvent[]): CallEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => !seen.has(e.id) && (seen.add(e.id), true));
}

/** One result per event sent, in order: a repeated id in the batch is a duplicate of its first. */
export function resultsInOrder(events: CallEvent[], results: Map<string, EventResult>): EventResult[] {
  const answered = new Set<string>();
  return events.map((e) => {
    if (answered.has(e.id)) return { id: e.id, status: 'duplicate' as const };
    answered.add(e.id);
    return results.get(e.id) ?? { id: e.id, status: 'duplicate' as const };
  });
}

/**
 * Two clocks write a call's history: the edge's and ours. What otvet decides (a ring, an answer
 * from the workstation) happens after everything the call had lived when it was decided; and what
 * the edge reports after one of our decisions, stamped a little earlier, happened after it too —
 * its clock lags ours. Reports from the edge alone are taken at their word, so any arrival order of
 * the same reports gives the same history.
 */
export function orderAcrossClocks(known: CallEvent[], candidates: CallEvent[]): void {
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

/** A call whose queue could not be named yet (it was queued before we knew its region) gets it now. */
function placeInQueue(queues: QueueLookup, r: CallRecord, events: CallEvent[]): void {
  if (!r.regionCode || r.state === 'pending' || r.state === 'ivr') return;
  const queued = events.filter((e) => e.type === 'queued').sort(compareEvents);
  const named = (e: CallEvent | undefined) => queues.resolve(r.regionCode!, e?.data.queueName as string | undefined, r.topic);
  if (r.queueId === null) {
    const q = named(queued[queued.length - 1]);
    if (q) {
      r.queueId = q.id;
      r.queueRegion = q.region;
    }
  }
  if (r.originQueueId === null && queued.length) r.originQueueId = (queued[0]!.data.queueId as number | undefined) ?? named(queued[0])?.id ?? r.queueId;
}

/** A call's record from its stored events, exactly as recording them produced it. */
export function refold(queues: QueueLookup, callId: string, events: CallEvent[]): CallRecord {
  const { record } = foldCall(callId, events);
  placeInQueue(queues, record, events);
  return record;
}

/** A queue that closes wrap-up at once: the system wraps the call up as soon as it ends. */
function closeWrapUpAtOnce(queues: QueueLookup, out: { record: CallRecord; accepted: CallEvent[] }, known: CallEvent[]): void {
  const r = out.record;
  if (r.state !== 'wrap_up' || !r.endedAt || r.queueId === null || queues.get(r.queueId)?.wrapUpSeconds !== 0) return;
  const wrap: CallEvent = { id: `sys-wrap-${r.callId}`, callId: r.callId, type: 'wrapped_up', at: new Date(r.endedAt.getTime() + 1), data: { outcome: 'not_recorded', auto: true }, source: 'system' };
  const again = admit(r.callId, [...known, ...out.accepted], [wrap]);
  if (again.accepted.length) {
    out.accepted.push(wrap);
    out.record = again.record;
  }
}

/**
 * The operator a ring otvet decided names: the ACD's ring, or a workstation's transfer to a named
 * colleague (their phone rings at once). Rings the edge reports are its PBX's, not checked here.
 */
function ringsOperator(e: CallEvent): number | null {
  if (e.source === 'acd' && e.type === 'ringing') return e.data.operatorId as number;
  if (e.source === 'workstation' && e.type === 'transferred' && typeof e.data.operatorId === 'number') return e.data.operatorId;
  return null;
}

/** The operators otvet's rings in a batch name (see ringsOperator), in lock order. */
export function ringOperators(fresh: CallEvent[]): number[] {
  return [...new Set(fresh.map(ringsOperator).filter((op): op is number => op !== null))].sort((x, y) => x - y);
}

export interface AdmissionInput {
  /** The batch, each id once (see distinctEvents). */
  fresh: CallEvent[];
  /** What the batch's calls have stored. */
  stored: CallEvent[];
  /** Stored events of other calls that bear ids of the batch's events. */
  elsewhere: CallEvent[];
  /** The rows of the operators otvet's rings name (see ringOperators), as locked. */
  ringAgents: Map<number, AgentRow>;
  queues: QueueLookup;
  /** A regional sender may touch only its region's calls. */
  region?: string | undefined;
}

export interface Admission {
  /** A verdict for each fresh event that was judged (the rest changed nothing: duplicates). */
  results: Map<string, EventResult>;
  /** Each call that changed: its record before (null if new) and after, and its admitted events. */
  changes: CallChange[];
  /** Every event to store, in the order of the changes. */
  admitted: CallEvent[];
}

function byCall(events: CallEvent[]): Map<string, CallEvent[]> {
  const m = new Map<string, CallEvent[]>();
  for (const e of events) (m.get(e.callId) ?? m.set(e.callId, []).get(e.callId)!).push(e);
  return m;
}

/** The batch's verdicts and the calls it changes. Fresh events may be re-dated (orderAcrossClocks). */
export function admitBatch(input: AdmissionInput): Admission {
  const { fresh, queues } = input;
  const results = new Map<string, EventResult>();
  const knownIds = new Map(input.stored.map((e) => [e.id, e]));
  const elsewhere = new Map(input.elsewhere.map((e) => [e.id, e]));
  const stored = byCall(input.stored);
  const incoming = byCall(fresh);
  // otvet rings only a free operator; between its look and this write one may have gone.
  const free = new Set([...input.ringAgents.values()].filter((a) => a.state === 'ready' && a.call_id === null).map((a) => a.user_id));
  const taken = new Set<number>();
  const changes: CallChange[] = [];
  const admitted: CallEvent[] = [];
  for (const [callId, mineFresh] of incoming) {
    const mine = stored.get(callId) ?? [];
    // As stored: the rollups were kept from exactly this record.
    const before = mine.length ? refold(queues, callId, mine) : null;
    const candidates: CallEvent[] = [];
    for (const e of mineFresh) {
      const prior = knownIds.get(e.id) ?? elsewhere.get(e.id);
      if (prior) results.set(e.id, sameEvent(prior, e) ? { id: e.id, status: 'duplicate' } : { id: e.id, status: 'rejected', reason: `event id ${e.id} was used for a different event` });
      else if (ringsOperator(e) !== null) {
        const op = ringsOperator(e)!;
        // (the ACD may have decided from a batch that then failed to commit, or from a stale view;
        // an operator's transfer, from a call that ended meanwhile)
        if (e.type === 'ringing' && before?.state !== 'waiting' && before?.state !== 'callback_pending')
          results.set(e.id, { id: e.id, status: 'rejected', reason: `call ${callId} is not waiting for an operator` });
        else if (e.type === 'transferred' && before?.state !== 'talking') results.set(e.id, { id: e.id, status: 'rejected', reason: `call ${callId} is not in conversation` });
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
    if (input.region && out.record.regionCode && out.record.regionCode !== input.region && out.record.queueRegion !== input.region) {
      for (const e of out.accepted) results.set(e.id, { id: e.id, status: 'rejected', reason: `call ${callId} belongs to region ${out.record.regionCode}, not yours` });
      continue;
    }
    if (!out.accepted.length) continue;
    for (const e of out.accepted) results.set(e.id, { id: e.id, status: 'accepted' });
    placeInQueue(queues, out.record, [...mine, ...out.accepted]);
    closeWrapUpAtOnce(queues, out, mine);
    admitted.push(...out.accepted);
    changes.push({ before, after: out.record, events: out.accepted });
  }
  return { results, changes, admitted };
}

/** The decisions that go out with the batch: those of calls it changed, and those of calls it did not carry. */
export function decisionsToPublish<D extends { callId: string }>(decisions: D[], fresh: CallEvent[], admitted: CallEvent[]): D[] {
  const accepted = new Set(admitted.map((e) => e.callId));
  const carried = new Set(fresh.map((e) => e.callId));
  return decisions.filter((d) => accepted.has(d.callId) || !carried.has(d.callId));
}

/** The operators whose rows the moves need beyond those already read, in lock order. */
export function operatorsToRead(changes: CallChange[], loaded: Map<number, AgentRow>): number[] {
  return [...new Set(changes.flatMap(operatorsOf))].filter((id) => !loaded.has(id)).sort((a, b) => a - b);
}

export interface OperatorMoves {
  /** Each operator moved, in their final state. */
  agents: AgentRow[];
  log: AgentLogEntry[];
  /** Each change of state, before and after (for those who keep figures from them). */
  moves: { before: AgentRow; after: AgentRow; at: Date }[];
}

/** Where the batch's changes move their operators (rows: every operator operatorsOf names, as read). */
export function moveOperators(changes: CallChange[], rows: Map<number, AgentRow>, now: Date): OperatorMoves {
  const agents = new Map(rows);
  const moved = new Map<number, AgentRow>();
  const log: AgentLogEntry[] = [];
  const moves: OperatorMoves['moves'] = [];
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
