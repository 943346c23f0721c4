// A call's state is a fold over its events in time order. Events may arrive late, twice or out of
// order; the fold sorts them, so any arrival order of the same events gives the same record. An
// event is impossible — and refused — only when no event still to come could explain it: anything
// after the call had ended, a second "offered", an event dated before the call was offered, a
// wrap-up of a call nobody answered.

export const eventTypes = ['offered', 'ivr_choice', 'queued', 'ringing', 'answered', 'transferred', 'overflowed', 'callback_requested', 'abandoned', 'ended', 'wrapped_up'] as const;
export type CallEventType = (typeof eventTypes)[number];

export const callStates = ['pending', 'ivr', 'waiting', 'ringing', 'talking', 'wrap_up', 'ended', 'abandoned', 'callback_pending'] as const;
export type CallState = (typeof callStates)[number];

export interface CallEvent {
  id: string;
  callId: string;
  type: CallEventType;
  at: Date;
  /** Type-specific fields, already resolved (queue id, operator id, caller hash …). */
  data: Record<string, unknown>;
  source: 'api' | 'acd' | 'workstation' | 'system';
}

export interface CallRecord {
  callId: string;
  state: CallState;
  regionCode: string | null;
  queueId: number | null;
  queueRegion: string | null;
  /** The queue the call first waited in (overflow and transfers move it on from there). */
  originQueueId: number | null;
  operatorId: number | null;
  callerHash: string | null;
  callerMasked: string | null;
  dialled: string | null;
  topic: string | null;
  offeredAt: Date | null;
  queuedAt: Date | null;
  ringingAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  wrappedAt: Date | null;
  overflowed: boolean;
  callback: boolean;
  outcome: string | null;
  topics: string[];
  answersUsed: string[];
  /** The support measures found eligible during the call (the navigator's ids), from the wrap-up. */
  measures: string[];
  note: string | null;
  closeReason: string | null;
  events: number;
  /** The edge's PBX routes this call (its reports said so): otvet's ACD leaves it alone. */
  routedByPbx: boolean;
}

// Events at the same instant happen in the order a call lives.
const rank: Record<CallEventType, number> = Object.fromEntries(eventTypes.map((t, i) => [t, i])) as Record<CallEventType, number>;

export function compareEvents(a: CallEvent, b: CallEvent): number {
  return a.at.getTime() - b.at.getTime() || rank[a.type] - rank[b.type] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function emptyRecord(callId: string): CallRecord {
  return {
    callId,
    state: 'pending',
    regionCode: null,
    queueId: null,
    queueRegion: null,
    originQueueId: null,
    operatorId: null,
    callerHash: null,
    callerMasked: null,
    dialled: null,
    topic: null,
    offeredAt: null,
    queuedAt: null,
    ringingAt: null,
    answeredAt: null,
    endedAt: null,
    wrappedAt: null,
    overflowed: false,
    callback: false,
    outcome: null,
    topics: [],
    answersUsed: [],
    measures: [],
    note: null,
    closeReason: null,
    events: 0,
    routedByPbx: false,
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** Applies one event, or says why it cannot have happened. */
function apply(r: CallRecord, e: CallEvent): string | null {
  // Both the workstation and the telephony edge report a hang-up: the second report changes nothing.
  if (e.type === 'ended' && r.endedAt && r.state !== 'abandoned') return null;
  const terminal = r.state === 'abandoned' || r.state === 'ended';
  if (e.type === 'offered' && r.offeredAt) return 'the call was offered already';
  if (e.type === 'wrapped_up') {
    // A hang-up before any answer we know of may still be followed by the answer's late report;
    // an explicit "abandoned" may not.
    if (!r.answeredAt && r.state === 'abandoned' && r.closeReason !== 'ended_before_answer') return 'nobody answered this call, so there is nothing to wrap up';
    if (r.wrappedAt) return 'the call was wrapped up already';
  } else if (terminal) {
    return `the call had already ${r.state === 'abandoned' ? 'been abandoned' : 'ended'}`;
  } else if (r.state === 'wrap_up' && e.type !== 'ended') {
    return 'the call had already ended';
  }
  const d = e.data;
  if (d.routedBy === 'pbx') r.routedByPbx = true;
  switch (e.type) {
    case 'offered':
      r.regionCode = str(d.region);
      r.queueRegion ??= str(d.region);
      r.callerHash = str(d.callerHash);
      r.callerMasked = str(d.callerMasked);
      r.dialled = str(d.dialled);
      r.topic = str(d.topic) ?? r.topic;
      r.offeredAt = e.at;
      if (r.state === 'pending') r.state = 'ivr';
      break;
    case 'ivr_choice':
      r.topic = str(d.topic) ?? r.topic;
      break;
    case 'queued':
      r.queueId = num(d.queueId) ?? r.queueId;
      r.queueRegion = str(d.queueRegion) ?? r.queueRegion;
      r.topic = str(d.topic) ?? r.topic;
      if (!r.queuedAt) r.originQueueId = num(d.queueId);
      r.queuedAt ??= e.at;
      r.operatorId = r.answeredAt ? r.operatorId : null;
      // A callback that did not connect: the caller is not on the line; it waits to be called again.
      r.state = r.callback && !r.answeredAt ? 'callback_pending' : 'waiting';
      break;
    case 'overflowed':
      r.queueId = num(d.queueId);
      r.queueRegion = str(d.queueRegion);
      r.overflowed = true;
      r.state = 'waiting';
      break;
    case 'ringing':
      r.operatorId = num(d.operatorId);
      r.ringingAt ??= e.at;
      r.state = 'ringing';
      break;
    case 'answered':
      r.operatorId = num(d.operatorId) ?? r.operatorId;
      r.answeredAt ??= e.at;
      r.state = 'talking';
      break;
    case 'transferred':
      if (num(d.queueId) !== null) {
        r.queueId = num(d.queueId);
        r.queueRegion = str(d.queueRegion) ?? r.queueRegion;
        r.operatorId = null;
        r.state = 'waiting';
      } else {
        r.operatorId = num(d.operatorId);
        r.state = 'ringing';
      }
      break;
    case 'callback_requested':
      r.callback = true;
      r.state = 'callback_pending';
      break;
    case 'abandoned':
      // The caller hung up after all, just after an operator answered (the answer raced the
      // hang-up): for an answered call that is its end, and the operator wraps it up.
      if (r.answeredAt) {
        r.endedAt = e.at;
        r.state = r.wrappedAt ? 'ended' : 'wrap_up';
        break;
      }
      r.endedAt = e.at;
      r.closeReason = str(d.reason) ?? 'caller_hung_up';
      r.state = 'abandoned';
      break;
    case 'ended':
      r.endedAt = e.at;
      if (r.answeredAt) r.state = r.wrappedAt ? 'ended' : 'wrap_up';
      else {
        r.closeReason = str(d.reason) ?? 'ended_before_answer';
        r.state = 'abandoned';
      }
      break;
    case 'wrapped_up':
      r.wrappedAt = e.at;
      r.outcome = str(d.outcome);
      r.topics = Array.isArray(d.topics) ? (d.topics as string[]) : [];
      r.answersUsed = Array.isArray(d.answersUsed) ? (d.answersUsed as string[]) : [];
      r.measures = Array.isArray(d.measures) ? (d.measures as string[]) : [];
      r.note = str(d.note);
      if (r.endedAt && r.answeredAt) r.state = 'ended';
      break;
  }
  return null;
}

export interface FoldResult {
  record: CallRecord;
  /** Events that cannot have happened, with the reason. */
  rejected: Map<string, string>;
}

/** The call's record from its events (in any order). Impossible events are left out and named. */
export function foldCall(callId: string, events: CallEvent[]): FoldResult {
  const record = emptyRecord(callId);
  const rejected = new Map<string, string>();
  const sorted = [...events].sort(compareEvents);
  // Nothing happens to a call before it is offered.
  const offered = sorted.find((e) => e.type === 'offered');
  for (const e of sorted) {
    if (offered && e.at < offered.at) {
      rejected.set(e.id, `it is dated before the call was offered (${offered.at.toISOString()})`);
      continue;
    }
    const why = apply(record, e);
    if (why) rejected.set(e.id, why);
    else record.events++;
  }
  return { record, rejected };
}

/**
 * Which of the new events may join the call's accepted events: each is tried in time order and
 * accepted only if the whole history stays possible — an event already acknowledged is never
 * overturned by a newcomer.
 */
export function admit(callId: string, accepted: CallEvent[], candidates: CallEvent[]): { record: CallRecord; accepted: CallEvent[]; rejected: Map<string, string> } {
  const current = [...accepted];
  const rejected = new Map<string, string>();
  for (const c of [...candidates].sort(compareEvents)) {
    const trial = foldCall(callId, [...current, c]);
    const why = trial.rejected.get(c.id);
    const broken = [...trial.rejected.keys()].find((id) => id !== c.id);
    if (why) rejected.set(c.id, why);
    else if (broken) rejected.set(c.id, `it contradicts event ${broken} recorded before`);
    else current.push(c);
  }
  return { record: foldCall(callId, current).record, accepted: current.slice(accepted.length), rejected };
}
